using System.Net;
using System.Threading.RateLimiting;
using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

public static class ChatWebSocketServiceCollectionExtensions
{
    /// <summary>The rate limiter policy of <c>/ws/{group}/</c>: <c>Limits:JoinsPerMinute</c> per client address.</summary>
    public const string JoinsPolicy = "joins";

    /// <summary>Registers what <c>/ws/{group}/</c> needs: its origin policy (<c>AllowedOrigins</c>), the per-address cap and the socket handler. Needs <c>AddRooms</c>.</summary>
    public static IServiceCollection AddChatWebSocket(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<OriginOptions>()
            .Configure(o => o.AllowedOrigins = OriginOptions.Read(configuration.GetSection(OriginOptions.SectionName)))
            .Validate(o => o.AllowedOrigins.All(OriginOptions.IsOrigin),
                "AllowedOrigins must list origins such as https://chat.example.com (scheme, host and optional port only).");
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<ConnectionsPerAddress>();
        services.AddSingleton<CircuitsPerAddress>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(JoinsPolicy, context => JoinsPerAddress(context, configuration));
        });
        services.AddSingleton<SocketConnectionHandler>();
        services.AddSingleton<OpenSockets>();
        return services;
    }

    // A token bucket per client address (an IPv6 client by its /64): a quarter of a minute's
    // joins at once, then the rest spread over the minute. Churn beyond it is refused with 429
    // before the upgrade, so it never reaches a room as comings and goings.
    private static RateLimitPartition<IPAddress> JoinsPerAddress(HttpContext context, IConfiguration configuration)
    {
        var perMinute = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.JoinsPerMinute;
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
