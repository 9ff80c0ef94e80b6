using BlazorChat.Bus.Redis;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
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

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatMetrics>();
        services.TryAddSingleton<IGroupBus>(CreateGroupBus);
        return services;
    }

    private static IGroupBus CreateGroupBus(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BusOptions>>().Value;
        if (options.Provider == BusProvider.Memory)
        {
            return ActivatorUtilities.CreateInstance<MemoryGroupBus>(services);
        }

        TryParseRedis(services.GetRequiredService<IConfiguration>().GetConnectionString("Redis"), out var redis);
        return ActivatorUtilities.CreateInstance<RedisGroupBus>(services, redis!);
    }

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
