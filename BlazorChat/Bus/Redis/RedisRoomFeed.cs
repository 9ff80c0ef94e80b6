using System.Diagnostics;
using System.Text.Json;
using BlazorChat.Chat;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// What this process delivers of one room, without gaps: every message the room's stream took,
/// once each, in the stream's order, even when the room's subscription missed some (while it
/// followed the room's slot to another node, or was being renewed after a lost connection).
/// Each message on the channel names the stream entry before it (<see cref="RedisPayload"/>);
/// one that names another than the last delivered here means some went by unseen, and those are
/// read from the stream (XRANGE) and delivered first. A message that arrives again is dropped.
/// A miss at the end of a room that then goes quiet has no later message to reveal it:
/// <see cref="CheckAsync"/>, run every <see cref="RedisSubscriptions.CheckInterval"/>, reads the
/// stream's newest id and delivers what the subscription still had not brought one check later.
/// </summary>
/// <remarks>
/// Messages the stream does not keep (comings, goings, typing) have no id and are delivered as
/// they come: they are not part of the order, so they never count as a gap. Edits and deletions
/// are kept, so they are numbered and recovered like messages. Kept per room: two ids; a read
/// holds at most <see cref="Page"/> messages at a time.
/// </remarks>
internal sealed class RedisRoomFeed(
    string group, RedisChannel channel, IDatabase db, RedisKey stream, MessageId newest, Action<string, ChatMessage, ActivityContext> deliver, ILogger logger)
{
    /// <summary>The most a read of missed messages asks for at once; more are read page by page.</summary>
    public const int Page = 500;

    // Guards the ids and delivery itself, between the subscription's messages and the checks.
    private readonly Lock _gate = new();

    // The newest kept message delivered here; at first, the stream's newest when the room was subscribed to.
    private MessageId _delivered = newest;
    private MessageId _newestAtLastCheck = newest;
    private bool _closed;

    /// <summary>The stream's newest id (<see cref="MessageId.Zero"/> when it holds nothing): where a new subscription starts.</summary>
    /// <exception cref="RedisException">Redis could not answer.</exception>
    public static async Task<MessageId> ReadNewestAsync(IDatabase db, RedisKey stream)
    {
        var newest = await db.StreamRangeAsync(stream, "-", "+", 1, Order.Descending);
        return newest.Length > 0 && MessageId.TryParse(newest[0].Id, out var id) ? id : MessageId.Zero;
    }

    /// <summary>Handles one message from the room's channel; the subscription awaits it before the next.</summary>
    public Task OnPublishedAsync(ChannelMessage published)
    {
        ChatMessage? message = null;
        MessageId previous = MessageId.Zero;
        ActivityContext sender = default;
        Exception? error = null;
        try
        {
            message = RedisPayload.ParsePublished(group, ((ReadOnlyMemory<byte>)published.Message).Span, out previous, out sender);
        }
        catch (JsonException ex)
        {
            error = ex;
        }

        if (message is null)
        {
            RedisGroupBusLog.BadPayload(logger, channel, error);
            return Task.CompletedTask;
        }

        if (message.OrderId is not { } id)
        {
            deliver(group, message, sender);
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_closed || id <= _delivered)
            {
                return Task.CompletedTask;
            }

            if (previous == _delivered)
            {
                _delivered = id;
                deliver(group, message, sender);
                return Task.CompletedTask;
            }
        }

        return DeliverAfterMissedAsync(message, id, sender);
    }

    /// <summary>
    /// Delivers what the stream took that the subscription has not brought since the last check;
    /// what came since may still be on its way, and is left to the subscription until the next.
    /// </summary>
    /// <exception cref="RedisException">Redis could not answer; the next check tries again.</exception>
    public async Task CheckAsync()
    {
        var newest = await ReadNewestAsync(db, stream);
        bool behind;
        lock (_gate)
        {
            behind = !_closed && _newestAtLastCheck > _delivered;
            _newestAtLastCheck = newest;
        }

        if (behind)
        {
            LogMissed(await DeliverMissedAsync(before: null));
        }
    }

    /// <summary>Stops delivering: the room's subscription is gone, and a check still running must not deliver.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    private async Task DeliverAfterMissedAsync(ChatMessage message, MessageId id, ActivityContext sender)
    {
        int missed;
        try
        {
            missed = await DeliverMissedAsync(before: id);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            // Not delivered either, and not counted as delivered: the next message or check reads
            // from the same place, this one included, so the order holds.
            RedisGroupBusLog.MissedReadFailed(logger, group, ex);
            return;
        }

        lock (_gate)
        {
            if (!_closed && id > _delivered)
            {
                _delivered = id;
                deliver(group, message, sender);
            }
        }

        LogMissed(missed);
    }

    /// <summary>Reads from the stream and delivers, page by page, what came after the last delivered (and before <paramref name="before"/>).</summary>
    /// <returns>How many messages it delivered.</returns>
    private async Task<int> DeliverMissedAsync(MessageId? before)
    {
        int count = 0;
        MessageId after;
        lock (_gate)
        {
            after = _delivered;
        }

        while (true)
        {
            var entries = await db.StreamRangeAsync(
                stream, $"({RedisRoomHistory.Format(after)}", before is { } end ? $"({RedisRoomHistory.Format(end)}" : "+", Page);
            lock (_gate)
            {
                foreach (var entry in entries)
                {
                    if (!_closed && Read(entry, out var sender) is { OrderId: { } id } message && id > _delivered)
                    {
                        _delivered = id;
                        deliver(group, message, sender);
                        count++;
                    }
                }
            }

            if (entries.Length < Page || !MessageId.TryParse(entries[^1].Id, out after))
            {
                return count;
            }
        }
    }

    private void LogMissed(int count)
    {
        if (count > 0)
        {
            RedisGroupBusLog.MissedDelivered(logger, group, count);
        }
    }

    private ChatMessage? Read(StreamEntry entry, out ActivityContext sender)
    {
        sender = default;
        try
        {
            return RedisPayload.Read(group, entry.Id.ToString(), ((ReadOnlyMemory<byte>)entry[RedisPayload.Field]).Span, out sender);
        }
        catch (JsonException ex)
        {
            RedisGroupBusLog.BadPayload(logger, channel, ex);
            return null;
        }
    }
}
