using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// Every Redis key and channel of one deployment, under its <c>Bus:ChannelPrefix</c>, laid out for
/// Redis Cluster as much as for one Redis. A room's keys and its live channel are
/// <c>&lt;prefix&gt;:{&lt;room&gt;}:&lt;what&gt;</c>: a cluster hashes only what stands between the
/// first '{' and the '}' after it, and the prefix has no braces and a room name is <c>\w+</c>, so
/// that is always the room. One room's stream, changes, send keys, presence and channel thus share
/// one hash slot, which the send script needs (it touches them all at once), while rooms spread
/// over the cluster. The instance registry is <c>&lt;prefix&gt;:{:registry}:...</c>, one slot of its
/// own that no room can share (a room name has no ':'); nothing touches registry keys and room keys
/// in one command, script or transaction.
/// </summary>
/// <remarks>
/// Channels are never patterns, so a room whose name looks like one is subscribed to as itself,
/// never with PSUBSCRIBE. A room's channel is sharded (SSUBSCRIBE/SPUBLISH) unless
/// <c>Bus:Redis:PubSub</c> is <c>Classic</c>.
/// </remarks>
public sealed class RedisKeys
{
    private const string RegistryTag = "{:registry}";

    private readonly string _prefix;
    private readonly bool _sharded;

    public RedisKeys(IOptions<BusOptions> options)
    {
        _prefix = options.Value.ChannelPrefix;
        _sharded = options.Value.Redis.PubSub == RedisPubSub.Sharded;
    }

    /// <summary>The room's live channel: each message as the publish script puts it there.</summary>
    public RedisChannel GroupChannel(string group) =>
        _sharded ? RedisChannel.Sharded(RoomKey(group, "group")) : RedisChannel.Literal(RoomKey(group, "group"));

    /// <summary>Whether <see cref="GroupChannel"/> is a shard channel, to be published with SPUBLISH.</summary>
    public bool ShardedChannels => _sharded;

    /// <summary>The stream that orders a room's messages and keeps its history.</summary>
    public RedisKey HistoryStream(string group) => RoomKey(group, "history");

    /// <summary>
    /// A hash of the room's changed messages: message id → its latest edit or deletion ('e' or 'd',
    /// then the change as the channel carries it), expiring with the stream.
    /// </summary>
    public RedisKey Changes(string group) => RoomKey(group, "changes");

    /// <summary>
    /// A client's key for a message in a room (see <see cref="Chat.SendKey"/>), holding the id the
    /// room gave it, for <c>History:SendKeyTtlSeconds</c>. Unambiguous, and in the room's slot
    /// whatever the key holds: its braces come after the room's.
    /// </summary>
    public RedisKey SendKey(string group, string key) => RoomKey(group, "sendkey:" + key);

    /// <summary>A hash of the room's present members: member id → entry, with the instance that holds it.</summary>
    public RedisKey Presence(string group) => RoomKey(group, "presence");

    /// <summary>A sorted set of instance ids, scored by their last heartbeat (ms since the epoch). In the registry's slot.</summary>
    public RedisKey Instances => $"{_prefix}:{RegistryTag}:instances";

    /// <summary>
    /// The rooms where an instance has members: what the room list is made of, and the clean-up
    /// after the instance dies. In the registry's slot, so the sets of every instance can be
    /// read in one SUNION.
    /// </summary>
    public RedisKey InstanceRooms(string instance) => $"{_prefix}:{RegistryTag}:instance:{instance}:rooms";

    /// <summary>
    /// An instance's connections as it last listed them for the admin consoles (JSON, a bounded
    /// list), expiring unless the instance writes it again. In the registry's slot, so the
    /// snapshots of every instance can be read in one MGET.
    /// </summary>
    public RedisKey InstanceConnections(string instance) => $"{_prefix}:{RegistryTag}:instance:{instance}:connections";

    /// <summary>
    /// Data Protection's key ring, shared by every instance so that each reads the others' cookies.
    /// One key, only ever used alone, so its name predates the cluster layout and stays: renaming
    /// it would sign everyone out.
    /// </summary>
    public RedisKey DataProtectionKeys => $"{_prefix}:dataprotection-keys";

    /// <summary>
    /// The channel of commands for every instance (<see cref="Rooms.ConnectionCommand"/>). Classic
    /// pub/sub whatever <c>Bus:Redis:PubSub</c> says: it is one channel for every instance and
    /// rare (a ban, a revoked token), so broadcasting it over a cluster costs nothing worth a
    /// shard, and a classic subscription never has to follow a slot that moves.
    /// </summary>
    public RedisChannel ControlChannel => RedisChannel.Literal($"{_prefix}:control");

    private string RoomKey(string group, string what) => $"{_prefix}:{{{group}}}:{what}";
}
