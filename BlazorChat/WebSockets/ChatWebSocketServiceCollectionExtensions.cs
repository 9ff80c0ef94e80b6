namespace BlazorChat.WebSockets;

public static class ChatWebSocketServiceCollectionExtensions
{
    /// <summary>Registers what <c>/ws/{group}/</c> needs: its origin policy (<c>AllowedOrigins</c>), the per-address caps and rate limits, and the socket handler. Needs <c>AddRooms</c>.</summary>
    public static IServiceCollection AddChatWebSocket(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<OriginOptions>()
            .Configure(o => o.AllowedOrigins = OriginOptions.Read(configuration.GetSection(OriginOptions.SectionName)))
            .Validate(o => o.AllowedOrigins.All(OriginOptions.IsOrigin),
                "AllowedOrigins must list origins such as https://chat.example.com (scheme, host and optional port only).");
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<ConnectionsPerAddress>();
        services.AddSingleton<CircuitsPerAddress>();
        services.AddAddressRateLimits();
        services.AddSingleton<SocketConnectionHandler>();
        services.AddSingleton<OpenSockets>();
        return services;
    }
}
