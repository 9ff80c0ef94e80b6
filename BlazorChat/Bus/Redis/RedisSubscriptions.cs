using BlazorChat.Threading;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// This process's members of each room and its Redis subscriptions, kept in step: one subscription
/// per room (SSUBSCRIBE to its shard channel, or SUBSCRIBE when classic) while the room has a local
/// member here, made by the first member and dropped by the last (SignalR's RedisSubscriptionManager
/// does the same). On a cluster StackExchange.Redis holds each sharded subscription on the node that
/// owns the room's slot, and moves it when the slot moves. What arrives on a room's channel goes
/// to <c>onPublished</c>, one message at a time, in the order Redis sent them.
/// </summary>
internal sealed class RedisSubscriptions(
    RedisConnection connection, RedisKeys keys, LocalGroups local, Action<ChannelMessage> onPublished, ILogger logger) : IAsyncDisposable
{
    // Guards _subscriptions together with the first-join/last-leave decisions of `local`, so a
    // room is subscribed exactly while it has local members.
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, ChannelMessageQueue> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>Adds a local member, subscribing to the room if it is the first; rolls the add back if Redis refuses.</summary>
    /// <exception cref="BusUnavailableException">Redis could not be reached; the member was not added.</exception>
    public async Task AddAsync(string group, IGroupMember member, CancellationToken cancellationToken)
    {
        var redis = await connection.GetAsync(cancellationToken);
        using (await _lock.EnterAsync(cancellationToken))
        {
            if (!local.Add(group, member, out bool isFirst) || !isFirst)
            {
                return;
            }

            var channel = keys.GroupChannel(group);
            try
            {
                var queue = await RedisErrors.RunAsync(() => redis.GetSubscriber().SubscribeAsync(channel),
                    $"Could not subscribe to room '{group}': Redis is unavailable.");
                // OnMessage handles one message at a time, in the order Redis sent them: that
                // keeps each sender's order, and delivery is only enqueueing, so it is quick.
                queue.OnMessage(onPublished);
                _subscriptions[group] = queue;
                RedisGroupBusLog.Subscribed(logger, channel);
            }
            catch (BusUnavailableException)
            {
                local.Remove(group, member, out _);
                throw;
            }
        }
    }

    /// <summary>Removes a local member, unsubscribing from the room if it was the last.</summary>
    public async Task RemoveAsync(string group, IGroupMember member)
    {
        // Not cancellable: a leave must finish, or the room would stay subscribed.
        using (await _lock.EnterAsync(CancellationToken.None))
        {
            if (local.Remove(group, member, out bool wasLast) && wasLast && _subscriptions.Remove(group, out var queue))
            {
                await UnsubscribeAsync(queue);
            }
        }
    }

    /// <summary>Drops every subscription; the connection itself belongs to <see cref="RedisConnection"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        using (await _lock.EnterAsync())
        {
            foreach (var queue in _subscriptions.Values)
            {
                await UnsubscribeAsync(queue);
            }

            _subscriptions.Clear();
        }
    }

    private async Task UnsubscribeAsync(ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync();
            RedisGroupBusLog.Unsubscribed(logger, queue.Channel);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            // Nothing to undo: Redis drops a connection's subscriptions when the connection ends.
            RedisGroupBusLog.UnsubscribeFailed(logger, queue.Channel, ex);
        }
    }
}
