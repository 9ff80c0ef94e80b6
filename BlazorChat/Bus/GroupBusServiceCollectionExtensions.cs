using BlazorChat.Bus.Redis;
using BlazorChat.Chat;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Bus;

public static class GroupBusServiceCollectionExtensions
{
    /// <summary>
    /// Registers the group bus that <c>Bus:Provider</c> names, with its room history, its control
    /// channel and its readiness check. Its settings are validated when the app starts: a bad value stops it with
    /// a message naming the key. The bus counts what it carries in <c>ChatMetrics</c> (<c>AddChatMetrics</c>).
    /// </summary>
    public static IServiceCollection AddGroupBus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<BusOptions>()
            .Bind(configuration.GetSection(BusOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Provider), "Bus:Provider must be Memory or Redis.")
            .Validate(o => Enum.IsDefined(o.Redis.PubSub), "Bus:Redis:PubSub must be Sharded or Classic.")
            .Validate(o => o.Provider != BusProvider.Redis || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")),
                "ConnectionStrings:Redis is required when Bus:Provider is Redis.")
            .Validate(o => o.Provider != BusProvider.Redis || TryParseRedis(configuration.GetConnectionString("Redis"), out _),
                "ConnectionStrings:Redis is not a valid StackExchange.Redis configuration string (such as 127.0.0.1:6379).");
        services.AddOptionsWithValidateOnStart<HistoryOptions>()
            .Bind(configuration.GetSection(HistoryOptions.SectionName))
            .ValidateDataAnnotations();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MemoryRoomLogs>();
        services.TryAddSingleton<InstanceIdentity>();
        // Resolved only on the Redis provider; the bus, history and presence share them.
        services.TryAddSingleton(sp => new RedisConnection(
            ParseRedis(sp.GetRequiredService<IConfiguration>()), sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.TryAddSingleton<RedisKeys>();
        services.TryAddSingleton(ByProvider<IGroupBus, MemoryGroupBus, RedisGroupBus>);
        services.TryAddSingleton(ByProvider<IRoomHistory, MemoryRoomHistory, RedisRoomHistory>);
        services.TryAddSingleton(ByProvider<IBusProbe, MemoryBusProbe, RedisBusProbe>);
        services.TryAddSingleton(ByProvider<IControlChannel, MemoryControlChannel, RedisControlChannel>);
        services.AddHostedService<IdleRoomSweeper>();
        services.AddHealthChecks().AddCheck<GroupBusHealthCheck>("bus", tags: ["ready"]);
        return services;
    }

    /// <summary>True when the app runs on Redis (<c>Bus:Provider=Redis</c>).</summary>
    public static bool OnRedis(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<BusOptions>>().Value.Provider == BusProvider.Redis;

    /// <summary>
    /// The provider's implementation of <typeparamref name="TService"/>. Hosted services may be
    /// built before options are validated, so anything but Redis gets the harmless memory one here
    /// and the validation stops the app.
    /// </summary>
    public static TService ByProvider<TService, TMemory, TRedis>(IServiceProvider services)
        where TService : notnull
        where TMemory : TService
        where TRedis : TService =>
        services.OnRedis() ? ActivatorUtilities.CreateInstance<TRedis>(services) : ActivatorUtilities.CreateInstance<TMemory>(services);

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
