using System.ComponentModel.DataAnnotations;
using BlazorChat.Bus.Redis;

namespace BlazorChat.Bus;

/// <summary>
/// The group bus's settings. In appsettings.json:
/// <code>
/// "Bus": { "Provider": "Redis", "OutboundQueueLength": 1024, "ChannelPrefix": "blazorchat", "Redis": { "PubSub": "Sharded" } },
/// "ConnectionStrings": { "Redis": "127.0.0.1:6379" }
/// </code>
/// </summary>
public sealed class BusOptions
{
    public const string SectionName = "Bus";

    public BusProvider Provider { get; set; } = BusProvider.Memory;

    /// <summary>Messages queued for one member before it is disconnected as too slow.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Bus:OutboundQueueLength must be between 1 and 1000000.")]
    public int OutboundQueueLength { get; set; } = 1024;

    /// <summary>Prefix of every Redis key and channel name, so several deployments can share one Redis.</summary>
    [RegularExpression(@"^[A-Za-z0-9_.\-]{1,64}$", ErrorMessage = "Bus:ChannelPrefix must be 1 to 64 letters, digits, '_', '.' or '-'.")]
    public string ChannelPrefix { get; set; } = "blazorchat";

    /// <summary>Settings that only the Redis provider reads.</summary>
    public RedisBusOptions Redis { get; set; } = new();
}
