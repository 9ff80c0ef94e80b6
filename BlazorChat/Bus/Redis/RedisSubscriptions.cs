using System.Diagnostics;
using BlazorChat.Chat;
using BlazorChat.Threading;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// This process's members of each room and its Redis subscriptions, kept in step: one subscription
/// per room (SSUBSCRIBE to its shard channel, or SUBSCRIBE when classic) while the room has a local
/// member here, made by the first member and dropped by the last (SignalR's RedisSubscriptionManager
/// does the same). On a cluster StackExchange.Redis holds each sharded subscription on the node that
/// owns the room's slot, and moves it when the slot moves. What arrives on a room's channel goes
/// to the room's <see cref="RedisRoomFeed"/>, one message at a time, in the order Redis sent them,
/// which delivers it (and any the subscription missed) to <c>deliver</c>; every
/// <see cref="CheckInterval"/> each feed looks for a miss that no later message has revealed.
/// </summary>
internal sealed class RedisSubscriptions : IAsyncDisposable
{
    /// <summary>
    /// How often each subscribed room's stream is checked for messages its subscription missed:
    /// one XREVRANGE COUNT 1 per room, all at once. A miss at the end of a room that then goes
    /// quiet reaches its members within two of these.
    /// </summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly LocalGroups _local;
    private readonly Action<string, ChatMessage, ActivityContext> _deliver;
    private readonly ILogger _logger;

    // Guards _subscriptions together with the first-join/last-leave decisions of `local`, so a
    // room is subscribed exactly while it has local members.
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, (ChannelMessageQueue Queue, RedisRoomFeed Feed)> _subscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopChecking = new();
    private readonly Task _checking;

    public RedisSubscriptions(RedisConnection connection, RedisKeys keys, LocalGroups local, Action<string, ChatMessage, ActivityContext> deliver, ILogger logger)
    {
        _connection = connection;
        _keys = keys;
        _local = local;
        _deliver = deliver;
        _logger = logger;
        _checking = CheckAsync(_stopChecking.Token);
    }

    /// <summary>Adds a local member, subscribing to the room if it is the first; rolls the add back if Redis refuses.</summary>
    /// <exception cref="BusUnavailableException">Redis could not be reached; the member was not added.</exception>
    public async Task AddAsync(string group, IGroupMember member, CancellationToken cancellationToken)
    {
        var redis = await _connection.GetAsync(cancellationToken);
        using (await _lock.EnterAsync(cancellationToken))
        {
            if (!_local.Add(group, member, out bool isFirst) || !isFirst)
            {
                return;
            }

            var channel = _keys.GroupChannel(group);
            var db = redis.GetDatabase();
            var stream = _keys.HistoryStream(group);
            try
            {
                // The stream's newest first, then the subscription: what the room takes in between
                // is what the feed's first message reveals as missed, and delivers.
                var (queue, newest) = await RedisErrors.RunAsync(async () =>
                    {
                        var newest = await RedisRoomFeed.ReadNewestAsync(db, stream);
                        return (await redis.GetSubscriber().SubscribeAsync(channel), newest);
                    },
                    $"Could not subscribe to room '{group}': Redis is unavailable.");
                var feed = new RedisRoomFeed(group, channel, db, stream, newest, _deliver, _logger);
                // OnMessage awaits each message's handling before the next, in the order Redis
                // sent them: that keeps the room's order, and delivery is only enqueueing, so it
                // is quick; only a miss waits for a read.
                queue.OnMessage(feed.OnPublishedAsync);
                _subscriptions[group] = (queue, feed);
                RedisGroupBusLog.Subscribed(_logger, channel);
            }
            catch (BusUnavailableException)
            {
                _local.Remove(group, member, out _);
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
            if (_local.Remove(group, member, out bool wasLast) && wasLast && _subscriptions.Remove(group, out var subscription))
            {
                subscription.Feed.Close();
                await UnsubscribeAsync(subscription.Queue);
            }
        }
    }

    /// <summary>Drops every subscription; the connection itself belongs to <see cref="RedisConnection"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopChecking.CancelAsync();
        await _checking;
        _stopChecking.Dispose();
        using (await _lock.EnterAsync())
        {
            foreach (var (queue, feed) in _subscriptions.Values)
            {
                feed.Close();
                await UnsubscribeAsync(queue);
            }

            _subscriptions.Clear();
        }
    }

    private async Task CheckAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                KeyValuePair<string, (ChannelMessageQueue Queue, RedisRoomFeed Feed)>[] rooms;
                using (await _lock.EnterAsync(stop))
                {
                    rooms = [.. _subscriptions];
                }

                // All at once: StackExchange.Redis pipelines them, so a check costs one round trip per node.
                await Task.WhenAll(rooms.Select(room => CheckAsync(room.Key, room.Value.Feed)));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task CheckAsync(string group, RedisRoomFeed feed)
    {
        try
        {
            await feed.CheckAsync();
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            RedisGroupBusLog.CheckFailed(_logger, group, ex);
        }
    }

    private async Task UnsubscribeAsync(ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync();
            RedisGroupBusLog.Unsubscribed(_logger, queue.Channel);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            // Nothing to undo: Redis drops a connection's subscriptions when the connection ends.
            RedisGroupBusLog.UnsubscribeFailed(_logger, queue.Channel, ex);
        }
    }
}
