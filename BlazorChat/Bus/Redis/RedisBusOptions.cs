namespace BlazorChat.Bus.Redis;

/// <summary>The Redis bus's own settings, under <c>Bus:Redis</c>: <c>"Bus": { "Redis": { "PubSub": "Sharded" } }</c>.</summary>
public sealed class RedisBusOptions
{
    /// <summary>How rooms' live channels are carried; sharded unless the Redis is older than 7.0.</summary>
    public RedisPubSub PubSub { get; set; } = RedisPubSub.Sharded;
}
