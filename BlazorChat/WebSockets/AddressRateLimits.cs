using System.Net;
using System.Threading.RateLimiting;
using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// The rate limits per client address (ASP.NET Core's rate limiter: a token bucket per address,
/// an IPv6 client by its /64), each answered 429 past its bucket: <see cref="Joins"/> on
/// <c>/ws/{room}/</c> (<c>Limits:JoinsPerMinute</c>), so churn never reaches a room as comings and
/// goings, and <see cref="Api"/> on <c>/api/</c> (<c>Limits:ApiRequestsPerMinute</c>), so nobody's
/// reads take the server from everyone else. A quarter of a minute's worth may come at once, the
/// rest spread over the minute.
/// </summary>
public static class AddressRateLimits
{
    public const string Joins = "joins";

    public const string Api = "api";

    public static IServiceCollection AddAddressRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Joins, context => PerAddress(context, limits => limits.JoinsPerMinute));
            options.AddPolicy(Api, context => PerAddress(context, limits => limits.ApiRequestsPerMinute));
        });

    private static RateLimitPartition<IPAddress> PerAddress(HttpContext context, Func<LimitsOptions, int> perMinuteOf)
    {
        int perMinute = perMinuteOf(context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value);
        var address = context.Connection.RemoteIpAddress is { } remote ? ClientAddress.KeyOf(remote) : IPAddress.None;
        return perMinute == 0
            ? RateLimitPartition.GetNoLimiter(address)
            : RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, perMinute / 4),
                TokensPerPeriod = Math.Max(1, perMinute / 6),
                ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                QueueLimit = 0,
            });
    }
}
