using BlazorChat.Bus;
using BlazorChat.Bus.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Tests.Fixtures;

/// <summary>What a test asks Redis (one server or every node of a cluster) about the app's keys and channels.</summary>
public static class RedisProbes
{
    /// <summary>The app's own names under <paramref name="prefix"/>, so no test spells a key itself.</summary>
    public static RedisKeys Keys(string prefix, RedisPubSub pubSub = RedisPubSub.Sharded) =>
        new(Options.Create(new BusOptions { ChannelPrefix = prefix, Redis = new RedisBusOptions { PubSub = pubSub } }));

    /// <summary>Clients subscribed to <paramref name="channel"/>, on every node (a shard channel lives on one).</summary>
    public static async Task<long> CountSubscribersAsync(this IConnectionMultiplexer redis, RedisChannel channel)
    {
        long count = 0;
        foreach (var server in redis.GetServers())
        {
            var reply = (RedisResult[])(await server.ExecuteAsync("PUBSUB", channel.IsSharded ? "SHARDNUMSUB" : "NUMSUB", channel.ToString()))!;
            count += (long)reply[1];
        }

        return count;
    }

    /// <summary>Rooms' channels, sharded or classic, that anyone still subscribes to under <paramref name="prefix"/>, on every node.</summary>
    public static async Task<long> CountRoomChannelsAsync(this IConnectionMultiplexer redis, string prefix)
    {
        // Redis globs know no braces, so the room's hash tag matches as it is written.
        string pattern = $"{prefix}:{{*}}:group";
        long count = 0;
        foreach (var server in redis.GetServers())
        {
            foreach (var kind in new[] { "CHANNELS", "SHARDCHANNELS" })
            {
                count += ((RedisResult[])(await server.ExecuteAsync("PUBSUB", kind, pattern))!).Length;
            }
        }

        return count;
    }
}
