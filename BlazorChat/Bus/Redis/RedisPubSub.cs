namespace BlazorChat.Bus.Redis;

/// <summary>How rooms' live channels are carried on Redis (<c>Bus:Redis:PubSub</c>).</summary>
public enum RedisPubSub
{
    /// <summary>
    /// SSUBSCRIBE/SPUBLISH (Redis 7.0 and later): on a cluster a room's channel lives on the shard
    /// that holds its slot, so a message crosses one shard, not the whole cluster bus. On a single
    /// Redis it behaves as classic pub/sub does.
    /// </summary>
    Sharded,

    /// <summary>SUBSCRIBE/PUBLISH: what Redis before 7.0 offers; on a cluster every message is broadcast to every node.</summary>
    Classic,
}
