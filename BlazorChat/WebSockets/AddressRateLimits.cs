using System.Net;
using System.Threading.RateLimiting;
using BlazorChat.Accounts;
using BlazorChat.Chat;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// The rate limits per client address (ASP.NET Core's rate limiter: a token bucket per address,
/// an IPv6 client by its /64), each answered 429 past its bucket: <see cref="Joins"/> on
/// <c>/ws/{room}/</c> (<c>Limits:JoinsPerMinute</c>), so churn never reaches a room as comings and
/// goings, <see cref="Api"/> on <c>/api/</c> (<c>Limits:ApiRequestsPerMinute</c>), so nobody's
/// reads take the server from everyone else, and <see cref="SignIns"/> on the account forms'
/// posts (<c>Auth:SignInsPerMinute</c>), so nobody guesses passwords faster than that. A quarter
/// of a minute's worth may come at once, the rest spread over the minute.
/// </summary>
public static class AddressRateLimits
{
    public const string Joins = "joins";

    public const string Api = "api";

    public const string SignIns = "sign-ins";

    public static IServiceCollection AddAddressRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => PolicyOf(rejected.HttpContext) == SignIns ? AccountEndpoints.TooManyAttemptsAsync(rejected.HttpContext) : ValueTask.CompletedTask;
            options.AddPolicy(Joins, context => PerAddress(context, Options<LimitsOptions>(context).JoinsPerMinute));
            options.AddPolicy(Api, context => PerAddress(context, Options<LimitsOptions>(context).ApiRequestsPerMinute));
            options.AddPolicy(SignIns, context => PerAddress(context, Options<AuthOptions>(context).SignInsPerMinute));
        });

    private static string? PolicyOf(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    private static T Options<T>(HttpContext context) where T : class => context.RequestServices.GetRequiredService<IOptions<T>>().Value;

    private static RateLimitPartition<IPAddress> PerAddress(HttpContext context, int perMinute)
    {
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
