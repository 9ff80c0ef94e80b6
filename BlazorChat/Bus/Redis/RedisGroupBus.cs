using System.Diagnostics;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// The bus across processes: the backplane, on one Redis or a Redis Cluster alike. A send runs one
/// script on Redis, in the room's hash slot, that appends the message to the room's stream (which gives it its id and keeps it for <see cref="RedisRoomHistory"/>)
/// and publishes it on the room's channel, in one round trip, so history and live delivery never
/// disagree. Each process subscribes once per room it has local members in
/// (<see cref="RedisSubscriptions"/>), and fans out locally what arrives: a message is parsed once
/// per process, whatever its number of members. A send never delivers locally by itself; local
/// members get it back from the subscription like everyone else.
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
    // KEYS[1] the room's stream; ARGV[1] its approximate length, ARGV[2] the room's channel,
    // ARGV[3] the payload, kept under the entry's field RedisPayload.Field, ARGV[4] the idle time
    // (ms) after which the stream expires unless another message comes, ARGV[8] the command that
    // publishes on the channel: SPUBLISH (sharded) or PUBLISH (classic). Every key is a room key
    // (RedisKeys), so on a cluster they all share the room's slot; so does its channel, which is
    // what lets a script SPUBLISH on it (Redis refuses a shard channel of another slot).
    // With a client key: KEYS[2] the key's RedisKeys.SendKey, ARGV[5] how long it is remembered
    // (ms). A key already there is a retry: its first id is the answer, with no XADD or PUBLISH.
    // The channel carries, before the id, the id of the entry the stream held last (RedisPayload),
    // read in the same script so that no other send can come between: each subscriber can tell
    // from it whether it missed one (RedisRoomFeed). XREVRANGE COUNT 1 reads one entry, in place.
    // KEYS: the stream, the room's changes, and the client's send key if it gave one. ARGV[6] is
    // the target of an edit or deletion ('' for a message): its latest change is kept beside the
    // stream (ARGV[7], 'd' or 'e', first), so every later read of that message shows it changed;
    // a deletion is final, and no later edit replaces it. Past twice History:Length changes, those
    // of messages the stream no longer keeps are dropped (once per that many changes, so cheap).
    private const string PublishScript = """
        if KEYS[3] then
            local first = redis.call('GET', KEYS[3])
            if first then return first end
        end
        local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call(ARGV[8], ARGV[2], (last and last[1] or '') .. '\n' .. id .. '\n' .. ARGV[3])
        if ARGV[6] ~= '' then
            local prior = redis.call('HGET', KEYS[2], ARGV[6])
            if not (prior and string.sub(prior, 1, 1) == 'd') then
                redis.call('HSET', KEYS[2], ARGV[6], ARGV[7] .. id .. '\n' .. ARGV[3])
            end
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            if redis.call('HLEN', KEYS[2]) > 2 * tonumber(ARGV[1]) then
                local fms, fseq = string.match(redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1], '(%d+)-(%d+)')
                fms, fseq = tonumber(fms), tonumber(fseq)
                for _, field in ipairs(redis.call('HKEYS', KEYS[2])) do
                    local ms, seq = string.match(field, '(%d+)-(%d+)')
                    ms, seq = tonumber(ms), tonumber(seq)
                    if ms < fms or (ms == fms and seq < fseq) then redis.call('HDEL', KEYS[2], field) end
                end
            end
        end
        if KEYS[3] then redis.call('SET', KEYS[3], id, 'PX', ARGV[5]) end
        return id
        """;

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly int _historyLength;
    private readonly long _idleRoomTtlMs;
    private readonly long _sendKeyTtlMs;
    private readonly LocalGroups _local;
    private readonly RedisSubscriptions _subscriptions;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RedisGroupBus(
        RedisConnection connection,
        RedisKeys keys,
        IOptions<HistoryOptions> historyOptions,
        ChatMetrics metrics,
        TimeProvider time,
        ILogger<RedisGroupBus> logger)
    {
        _connection = connection;
        _keys = keys;
        _historyLength = historyOptions.Value.Length;
        _idleRoomTtlMs = (long)historyOptions.Value.IdleRoomTtl.TotalMilliseconds;
        _sendKeyTtlMs = historyOptions.Value.SendKeyTtlSeconds * 1000L;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _local = new LocalGroups((member, ex) => GroupBusLog.MemberFailed(logger, member.Id, ex));
        _subscriptions = new RedisSubscriptions(connection, keys, _local, Deliver, logger);
    }

    /// <summary>Whether the bus can reach Redis right now.</summary>
    public bool IsAvailable => _connection.IsAvailable;

    public event Action? AvailabilityChanged
    {
        add => _connection.AvailabilityChanged += value;
        remove => _connection.AvailabilityChanged -= value;
    }

    public Task GroupAddAsync(string group, IGroupMember member, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentNullException.ThrowIfNull(member);
        return _subscriptions.AddAsync(group, member, cancellationToken);
    }

    public Task GroupDiscardAsync(string group, IGroupMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        return _subscriptions.RemoveAsync(group, member);
    }

    public async Task<ChatMessage> GroupSendAsync(string group, MessageDraft draft, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        SendKey.Validate(draft.Key);
        long started = Stopwatch.GetTimestamp();
        using var span = ChatTracing.StartSend(group, draft.Kind, "redis");
        var redis = await _connection.GetAsync(cancellationToken);
        var payload = new RedisPayload(draft.Sender, draft.Text, _time.GetUtcNow(), draft.Kind, draft.User, draft.Origin, draft.Target)
        {
            Trace = ChatTracing.Carrier(span.Activity),
        };
        var db = redis.GetDatabase();
        var channel = _keys.GroupChannel(group);
        var failure = $"Could not send to room '{group}': Redis is unavailable.";
        string id = "";
        if (!draft.Kind.IsKept())
        {
            // Live only: published (SPUBLISH on a sharded channel), never appended to the stream.
            await RedisErrors.RunAsync(() => db.PublishAsync(channel, payload.ToPublishedLiveOnly()), failure);
        }
        else
        {
            RedisKey[] keys = draft.Key is { } key
                ? [_keys.HistoryStream(group), _keys.Changes(group), _keys.SendKey(group, key)]
                : [_keys.HistoryStream(group), _keys.Changes(group)];
            id = (await RedisErrors.RunAsync(
                () => db.ScriptEvaluateAsync(
                    PublishScript,
                    keys,
                    [_historyLength, channel.ToString(), payload.ToUtf8Json(), _idleRoomTtlMs, _sendKeyTtlMs, draft.Target ?? "",
                        draft.Kind == MessageKind.Delete ? "d" : "e", _keys.ShardedChannels ? "SPUBLISH" : "PUBLISH"],
                    // EVAL every time, never EVALSHA: after a Redis restart, EVALSHA's NOSCRIPT retry
                    // would run a send after ones made later (a socket has several in flight).
                    CommandFlags.NoScriptCache),
                failure)).ToString();
        }

        span.Sent(id);
        _metrics.MessageSent(started);
        return draft.ToMessage(id, group, payload.Ts);
    }

    public int CountLocalMembers(string group) => _local.CountMembers(group);

    public int CountLocalGroups() => _local.CountGroups();

    public ValueTask DisposeAsync() => _subscriptions.DisposeAsync();

    private void Deliver(string group, ChatMessage message, ActivityContext sender)
    {
        var (delivered, refused) = _local.Deliver(group, message, sender);
        _metrics.Delivered(delivered, refused);
    }
}
