using BlazorChat.Bus;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// The app's own registration of its core (the bus and history, presence, room connections,
/// metrics: <c>AddGroupBus</c>, <c>AddPresence</c>, <c>AddRooms</c>, <c>AddChatMetrics</c>),
/// outside any host, for the tests of those parts. Settings are its configuration.
/// </summary>
public static class TestServices
{
    public static IServiceCollection AddChatCore(this IServiceCollection services, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics();
        return services.AddGroupBus(configuration).AddPresence(configuration).AddRooms(configuration).AddChatMetrics();
    }

    /// <summary>The settings that put the core on Redis, under <paramref name="prefix"/>, beside <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> OnRedis(string connectionString, string prefix, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Bus:Provider"] = "Redis",
            ["Bus:ChannelPrefix"] = prefix,
            ["ConnectionStrings:Redis"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    public static string UniquePrefix() => "test" + Guid.NewGuid().ToString("N")[..12];
}

/// <summary>One composition of the core: what one app instance would have. Disposing it drops its subscriptions and its Redis connection.</summary>
public sealed class ChatCore(ServiceProvider services) : IAsyncDisposable
{
    /// <summary>The core on <paramref name="settings"/>; <paramref name="services"/> are registered after the app's own, so they take their place (a fake clock, say).</summary>
    public static ChatCore Start(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection().AddChatCore(settings);
        services?.Invoke(collection);
        return new(collection.BuildServiceProvider(validateScopes: true));
    }

    public IGroupBus Bus => Get<IGroupBus>();

    public IRoomHistory History => Get<IRoomHistory>();

    public ChatMetrics Metrics => Get<ChatMetrics>();

    public RoomConnector Rooms => Get<RoomConnector>();

    public RoomPresence Presence => Get<RoomPresence>();

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
