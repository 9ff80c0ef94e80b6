using BlazorChat.Bus.Redis;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Bus;

public static class GroupBusServiceCollectionExtensions
{
    /// <summary>
    /// Registers the group bus that <c>Bus:Provider</c> names. Its settings are validated when the
    /// app starts: a bad value stops it with a message naming the key.
    /// </summary>
    public static IServiceCollection AddGroupBus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<BusOptions>()
            .Bind(configuration.GetSection(BusOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Provider), "Bus:Provider must be Memory or Redis.")
            .Validate(o => o.Provider != BusProvider.Redis || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")),
                "ConnectionStrings:Redis is required when Bus:Provider is Redis.")
            .Validate(o => o.Provider != BusProvider.Redis || TryParseRedis(configuration.GetConnectionString("Redis"), out _),
                "ConnectionStrings:Redis is not a valid StackExchange.Redis configuration string (such as 127.0.0.1:6379).");
        services.AddOptionsWithValidateOnStart<HistoryOptions>()
            .Bind(configuration.GetSection(HistoryOptions.SectionName))
            .ValidateDataAnnotations();

        services.AddOptionsWithValidateOnStart<PresenceOptions>()
            .Bind(configuration.GetSection(PresenceOptions.SectionName))
            .ValidateDataAnnotations();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatMetrics>();
        services.TryAddSingleton<LocalConnections>();
        // Resolved only on the Redis provider; the bus and presence share it.
        services.TryAddSingleton(sp => new RedisConnection(
            ParseRedis(sp.GetRequiredService<IConfiguration>()), sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.TryAddSingleton<IGroupBus>(CreateGroupBus);
        services.TryAddSingleton<IPresenceStore>(CreatePresenceStore);
        services.TryAddSingleton<RoomPresence>();
        services.AddHostedService<PresenceHeartbeat>();
        return services;
    }

    private static IGroupBus CreateGroupBus(IServiceProvider services)
    {
        // Hosted services may be built before options are validated, so anything but Redis gets
        // the harmless memory bus here and the validation stops the app.
        var options = services.GetRequiredService<IOptions<BusOptions>>().Value;
        return options.Provider == BusProvider.Redis
            ? ActivatorUtilities.CreateInstance<RedisGroupBus>(services)
            : ActivatorUtilities.CreateInstance<MemoryGroupBus>(services);
    }

    private static IPresenceStore CreatePresenceStore(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BusOptions>>().Value.Provider == BusProvider.Redis
            ? ActivatorUtilities.CreateInstance<RedisPresenceStore>(services)
            : new MemoryPresenceStore();

    private static ConfigurationOptions ParseRedis(IConfiguration configuration) =>
        TryParseRedis(configuration.GetConnectionString("Redis"), out var options)
            ? options!
            : throw new InvalidOperationException("ConnectionStrings:Redis is not a valid StackExchange.Redis configuration string.");

    private static bool TryParseRedis(string? connectionString, out ConfigurationOptions? options)
    {
        options = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            options = ConfigurationOptions.Parse(connectionString);
            return options.EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
