using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// Names of the Redis channels and keys of one deployment. Channels are always literal, so a
/// room whose name looks like a pattern is subscribed to as itself, never with PSUBSCRIBE.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    private readonly string _channelPrefix = $"{prefix}:group:";

    public RedisChannel GroupChannel(string group) => RedisChannel.Literal(_channelPrefix + group);

    /// <summary>The room a channel of <see cref="GroupChannel"/> belongs to.</summary>
    public string GroupOf(RedisChannel channel) => channel.ToString()[_channelPrefix.Length..];

    /// <summary>The stream that orders a room's messages and keeps its history.</summary>
    public RedisKey HistoryStream(string group) => $"{prefix}:history:{group}";
}
