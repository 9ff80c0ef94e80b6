using System.Diagnostics.Metrics;
using BlazorChat.Bus;
using BlazorChat.Bus.Redis;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Tests.Fixtures;

/// <summary>Buses built by hand, outside any host, for the bus's own tests.</summary>
public static class TestServices
{
    private static readonly IMeterFactory MeterFactory =
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static ChatMetrics Metrics() => new(MeterFactory);

    public static MemoryGroupBus MemoryBus(int historyLength = 1000) =>
        new(Metrics(), TimeProvider.System, Options.Create(new HistoryOptions { Length = historyLength }), NullLogger<MemoryGroupBus>.Instance);

    public static RedisConnection RedisConnection(string connectionString) =>
        new(ConfigurationOptions.Parse(connectionString), NullLogger<RedisConnection>.Instance);

    public static RedisGroupBus RedisBus(RedisConnection connection, string prefix, int historyLength = 1000) =>
        new(connection,
            Options.Create(new BusOptions { Provider = BusProvider.Redis, ChannelPrefix = prefix }),
            Options.Create(new HistoryOptions { Length = historyLength }),
            Metrics(),
            TimeProvider.System,
            NullLogger<RedisGroupBus>.Instance);

    public static string UniquePrefix() => "test" + Guid.NewGuid().ToString("N")[..12];
}
