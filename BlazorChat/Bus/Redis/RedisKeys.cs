using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// Every Redis key and channel of one deployment, under its <c>Bus:ChannelPrefix</c>. Channels
/// are always literal, so a room whose name looks like a pattern is subscribed to as itself,
/// never with PSUBSCRIBE.
/// </summary>
public sealed class RedisKeys
{
    private readonly string _prefix;
    private readonly string _channelPrefix;

    public RedisKeys(IOptions<BusOptions> options)
    {
        _prefix = options.Value.ChannelPrefix;
        _channelPrefix = $"{_prefix}:group:";
    }

    /// <summary>The room's live channel: each message as the publish script puts it there.</summary>
    public RedisChannel GroupChannel(string group) => RedisChannel.Literal(_channelPrefix + group);

    /// <summary>The room a channel of <see cref="GroupChannel"/> belongs to.</summary>
    public string GroupOf(RedisChannel channel) => channel.ToString()[_channelPrefix.Length..];

    /// <summary>The stream that orders a room's messages and keeps its history.</summary>
    public RedisKey HistoryStream(string group) => $"{_prefix}:history:{group}";

    /// <summary>
    /// A hash of the room's changed messages: message id → its latest edit or deletion ('e' or 'd',
    /// then the change as the channel carries it), expiring with the stream.
    /// </summary>
    public RedisKey Changes(string group) => $"{_prefix}:changes:{group}";

    /// <summary>
    /// A client's key for a message in a room (see <see cref="Chat.SendKey"/>), holding the id the
    /// room gave it, for <c>History:SendKeyTtlSeconds</c>. Unambiguous: a room name has no ':'.
    /// </summary>
    public RedisKey SendKey(string group, string key) => $"{_prefix}:sendkey:{group}:{key}";

    /// <summary>A hash of the room's present members: member id → entry, with the instance that holds it.</summary>
    public RedisKey Presence(string group) => $"{_prefix}:presence:{group}";

    /// <summary>The set of rooms with members.</summary>
    public RedisKey Rooms => $"{_prefix}:rooms";

    /// <summary>A sorted set of instance ids, scored by their last heartbeat (ms since the epoch).</summary>
    public RedisKey Instances => $"{_prefix}:instances";

    /// <summary>Data Protection's key ring, shared by every instance so that each reads the others' cookies.</summary>
    public RedisKey DataProtectionKeys => $"{_prefix}:dataprotection-keys";

    /// <summary>The channel of commands for every instance (<see cref="Rooms.ConnectionCommand"/>).</summary>
    public RedisChannel ControlChannel => RedisChannel.Literal($"{_prefix}:control");

    /// <summary>The rooms where an instance has members, for the clean-up after it dies.</summary>
    public RedisKey InstanceRooms(string instance) => $"{_prefix}:instance:{instance}:rooms";
}
