using System.Diagnostics;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// The bus across processes. A send runs one script on Redis that appends the message to the
/// room's stream (which gives it its id and keeps it for history) and publishes it on the room's
/// channel, in one round trip, so history and live delivery never disagree. Each process
/// subscribes once per room it has local members in, and fans out locally what arrives: a
/// message is parsed once per process, whatever its number of members. A send never delivers
/// locally by itself; local members get it back from the subscription like everyone else.
/// </summary>
/// <remarks>
/// When Redis cannot be reached (at start or later) the bus stays up and the multiplexer keeps
/// reconnecting in the background (see <see cref="RedisConnection"/>); meanwhile (and once the
/// connection is disposed at shutdown) joins and sends fail with
/// <see cref="BusUnavailableException"/> and <see cref="IsAvailable"/> (and so readiness) says
/// false. Subscriptions are renewed by the multiplexer when the connection comes back.
/// </remarks>
public sealed class RedisGroupBus : IGroupBus, IAsyncDisposable
{
    // KEYS[1] the room's stream; ARGV[1] its approximate length, ARGV[2] the room's channel, ARGV[3] the payload.
    private const string PublishScript = """
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[3])
        redis.call('PUBLISH', ARGV[2], id .. '\n' .. ARGV[3])
        return id
        """;

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly int _historyLength;
    private readonly LocalGroups _local;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Guards _subscriptions together with the first-join/last-leave decisions of _local, so a
    // room is subscribed exactly while it has local members.
    private readonly SemaphoreSlim _subscriptionLock = new(1, 1);
    private readonly Dictionary<string, ChannelMessageQueue> _subscriptions = new(StringComparer.Ordinal);

    public RedisGroupBus(
        RedisConnection connection,
        IOptions<BusOptions> busOptions,
        IOptions<HistoryOptions> historyOptions,
        ChatMetrics metrics,
        TimeProvider time,
        ILogger<RedisGroupBus> logger)
    {
        _keys = new RedisKeys(busOptions.Value.ChannelPrefix);
        _historyLength = historyOptions.Value.Length;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _local = new LocalGroups((member, ex) => GroupBusLog.MemberFailed(logger, member.Id, ex));
        _connection = connection;
    }

    /// <summary>Whether the bus can reach Redis right now.</summary>
    public bool IsAvailable => _connection.IsAvailable;

    public event Action? AvailabilityChanged
    {
        add => _connection.AvailabilityChanged += value;
        remove => _connection.AvailabilityChanged -= value;
    }

    public async Task GroupAddAsync(string group, IGroupMember member, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentNullException.ThrowIfNull(member);
        var redis = await _connection.GetAsync(cancellationToken);

        await _subscriptionLock.WaitAsync(cancellationToken);
        try
        {
            if (!_local.Add(group, member, out bool isFirst) || !isFirst)
            {
                return;
            }

            var channel = _keys.GroupChannel(group);
            try
            {
                var queue = await redis.GetSubscriber().SubscribeAsync(channel);
                // OnMessage handles one message at a time, in the order Redis sent them: that
                // keeps each sender's order, and delivery is only enqueueing, so it is quick.
                queue.OnMessage(OnPublished);
                _subscriptions[group] = queue;
                RedisGroupBusLog.Subscribed(_logger, channel);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                _local.Remove(group, member, out _);
                throw new BusUnavailableException($"Could not subscribe to room '{group}': Redis is unavailable.", ex);
            }
        }
        finally
        {
            _subscriptionLock.Release();
        }
    }

    public async Task GroupDiscardAsync(string group, IGroupMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);

        // Not cancellable: a leave must finish, or the room would stay subscribed.
        await _subscriptionLock.WaitAsync(CancellationToken.None);
        try
        {
            if (!_local.Remove(group, member, out bool wasLast) || !wasLast
                || !_subscriptions.Remove(group, out var queue))
            {
                return;
            }

            try
            {
                await queue.UnsubscribeAsync();
                RedisGroupBusLog.Unsubscribed(_logger, queue.Channel);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                RedisGroupBusLog.UnsubscribeFailed(_logger, queue.Channel, ex);
            }
        }
        finally
        {
            _subscriptionLock.Release();
        }
    }

    public async Task<ChatMessage> GroupSendAsync(string group, MessageDraft draft, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        long started = Stopwatch.GetTimestamp();
        var redis = await _connection.GetAsync(cancellationToken);
        var payload = new RedisPayload(draft.Sender, draft.Text, _time.GetUtcNow(), draft.Kind);

        RedisResult result;
        try
        {
            result = await redis.GetDatabase().ScriptEvaluateAsync(
                PublishScript,
                [_keys.HistoryStream(group)],
                [_historyLength, _keys.GroupChannel(group).ToString(), payload.ToUtf8Json()],
                // EVAL every time, never EVALSHA: after a Redis restart, EVALSHA's NOSCRIPT retry
                // would run a send after ones made later (a socket has several in flight).
                CommandFlags.NoScriptCache);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new BusUnavailableException($"Could not send to room '{group}': Redis is unavailable.", ex);
        }

        _metrics.MessageSent(started);
        return new ChatMessage(result.ToString(), group, draft.Sender, draft.Text, payload.Ts, draft.Kind);
    }

    public async Task<RoomHistory> ReadHistoryAsync(string group, MessageId? after, int limit, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 0);
        if (limit == 0)
        {
            return RoomHistory.Empty;
        }

        var redis = await _connection.GetAsync(cancellationToken);
        var db = redis.GetDatabase();
        var key = _keys.HistoryStream(group);
        try
        {
            if (after is not { } since)
            {
                var newest = await db.StreamRangeAsync(key, "-", "+", limit, Order.Descending);
                return new RoomHistory([.. newest.Reverse().Select(e => ToMessage(group, e))], Recovered: true);
            }

            // Read first, then ask what is kept: a trim in between can only make the answer more
            // cautious, never claim messages that the read did not get. Nothing is lost while the
            // message `since` names is itself still kept (the stream holds no gaps of its own).
            var entries = await db.StreamRangeAsync(key, $"({Format(since)}", "+", limit, Order.Ascending);
            var state = await ReadStreamStateAsync(db, key);
            bool recovered = state.FirstKept is { } first ? since >= first : since >= state.LastGenerated;
            return new RoomHistory([.. entries.Select(e => ToMessage(group, e))], recovered);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new BusUnavailableException($"Could not read the history of room '{group}': Redis is unavailable.", ex);
        }
    }

    public async Task<MessageId?> LastIssuedIdAsync(string group, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        var redis = await _connection.GetAsync(cancellationToken);
        try
        {
            var state = await ReadStreamStateAsync(redis.GetDatabase(), _keys.HistoryStream(group));
            return state.LastGenerated == MessageId.Zero ? null : state.LastGenerated;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new BusUnavailableException($"Could not read room '{group}': Redis is unavailable.", ex);
        }
    }

    public int CountLocalMembers(string group) => _local.CountMembers(group);

    public int CountLocalGroups() => _local.CountGroups();

    /// <summary>Asks Redis for a PONG; for readiness checks.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken)
    {
        var redis = await _connection.GetAsync(cancellationToken);
        return await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Drops this process's subscriptions; the connection itself belongs to <see cref="RedisConnection"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _subscriptionLock.WaitAsync();
        try
        {
            foreach (var queue in _subscriptions.Values)
            {
                try
                {
                    await queue.UnsubscribeAsync();
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
                {
                    RedisGroupBusLog.UnsubscribeFailed(_logger, queue.Channel, ex);
                }
            }

            _subscriptions.Clear();
        }
        finally
        {
            _subscriptionLock.Release();
        }
    }

    /// <summary>
    /// The stream's last issued id (0-0 for a room that never had a message) and its oldest kept
    /// entry (null when it keeps none), from XINFO STREAM.
    /// </summary>
    private static async Task<(MessageId LastGenerated, MessageId? FirstKept)> ReadStreamStateAsync(IDatabase db, RedisKey key)
    {
        if (!await db.KeyExistsAsync(key))
        {
            return (MessageId.Zero, null);
        }

        var info = (RedisResult[])(await db.ExecuteAsync("XINFO", "STREAM", key))!;
        MessageId last = MessageId.Zero;
        MessageId? firstKept = null;
        for (int i = 0; i + 1 < info.Length; i += 2)
        {
            switch ((string?)info[i])
            {
                case "last-generated-id":
                    MessageId.TryParse((string?)info[i + 1], out last);
                    break;
                case "first-entry" when !info[i + 1].IsNull && MessageId.TryParse((string?)((RedisResult[])info[i + 1]!)[0], out var first):
                    firstKept = first;
                    break;
            }
        }

        return (last, firstKept);
    }

    private static string Format(MessageId id) => $"{id.Major}-{id.Minor}";

    private static ChatMessage ToMessage(string group, StreamEntry entry)
    {
        var payload = System.Text.Json.JsonSerializer.Deserialize(
            ((ReadOnlyMemory<byte>)entry["m"]).Span, RedisPayloadJsonContext.Default.RedisPayload)!;
        return new ChatMessage(entry.Id.ToString(), group, payload.Sender, payload.Text, payload.Ts, payload.Kind);
    }

    private void OnPublished(ChannelMessage published)
    {
        var group = _keys.GroupOf(published.Channel);
        ChatMessage? message = null;
        Exception? error = null;
        try
        {
            message = RedisPayload.Parse(group, ((ReadOnlyMemory<byte>)published.Message).Span);
        }
        catch (System.Text.Json.JsonException ex)
        {
            error = ex;
        }

        if (message is null)
        {
            RedisGroupBusLog.BadPayload(_logger, published.Channel, error);
            return;
        }

        var (delivered, refused) = _local.Deliver(group, message);
        _metrics.Delivered(delivered, refused);
    }
}
