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

    public static MemoryGroupBus MemoryBus() =>
        new(Metrics(), TimeProvider.System, NullLogger<MemoryGroupBus>.Instance);

    public static RedisGroupBus RedisBus(string connectionString, string prefix, int historyLength = 1000) =>
        new(ConfigurationOptions.Parse(connectionString),
            Options.Create(new BusOptions { Provider = BusProvider.Redis, ChannelPrefix = prefix }),
            Options.Create(new HistoryOptions { Length = historyLength }),
            Metrics(),
            TimeProvider.System,
            NullLogger<RedisGroupBus>.Instance);

    public static string UniquePrefix() => "test" + Guid.NewGuid().ToString("N")[..12];
}
