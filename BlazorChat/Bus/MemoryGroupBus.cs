using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using Microsoft.Extensions.Options;

namespace BlazorChat.Bus;

/// <summary>
/// The in-process bus: a send is a local fan-out. Single process only; members in other
/// processes never see its messages (use <see cref="Redis.RedisGroupBus"/> for that). Each room
/// keeps its newest <c>History:Length</c> messages in a ring, numbered by a per-room sequence
/// (the ids "1", "2", ...), for as long as the process lives.
/// </summary>
public sealed class MemoryGroupBus : IGroupBus
{
    private readonly LocalGroups _local;
    private readonly ConcurrentDictionary<string, RoomLog> _logs = new(StringComparer.Ordinal);
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly int _historyLength;

    public MemoryGroupBus(ChatMetrics metrics, TimeProvider time, IOptions<HistoryOptions> history, ILogger<MemoryGroupBus> logger)
    {
        _metrics = metrics;
        _time = time;
        _historyLength = history.Value.Length;
        _local = new LocalGroups((member, ex) => GroupBusLog.MemberFailed(logger, member.Id, ex));
    }

    public Task GroupAddAsync(string group, IGroupMember member, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentNullException.ThrowIfNull(member);
        _local.Add(group, member, out _);
        return Task.CompletedTask;
    }

    public Task GroupDiscardAsync(string group, IGroupMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        _local.Remove(group, member, out _);
        return Task.CompletedTask;
    }

    public Task<ChatMessage> GroupSendAsync(string group, MessageDraft draft, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        long started = Stopwatch.GetTimestamp();
        var log = Log(group);
        ChatMessage message;
        int delivered, refused;
        lock (log.Gate)
        {
            long seq = log.Next();
            message = new ChatMessage(seq.ToString(CultureInfo.InvariantCulture), group, draft.Sender, draft.Text, _time.GetUtcNow(), draft.Kind);
            log.Keep(message);
            (delivered, refused) = _local.Deliver(group, message);
        }

        _metrics.MessageSent(started);
        _metrics.Delivered(delivered, refused);
        return Task.FromResult(message);
    }

    public Task<RoomHistory> ReadHistoryAsync(string group, MessageId? after, int limit, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 0);
        if (!_logs.TryGetValue(group, out var log))
        {
            return Task.FromResult(RoomHistory.Empty);
        }

        lock (log.Gate)
        {
            return Task.FromResult(log.Read(after?.Major, limit));
        }
    }

    public Task<MessageId?> LastIssuedIdAsync(string group, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        MessageId? last = null;
        if (_logs.TryGetValue(group, out var log))
        {
            lock (log.Gate)
            {
                last = log.Last > 0 ? new MessageId(log.Last, 0) : null;
            }
        }

        return Task.FromResult(last);
    }

    /// <summary>Always: there is nothing between the members to fail.</summary>
    public bool IsAvailable => true;

    /// <summary>Never raised.</summary>
    public event Action? AvailabilityChanged
    {
        add { }
        remove { }
    }

    public int CountLocalMembers(string group) => _local.CountMembers(group);

    public int CountLocalGroups() => _local.CountGroups();

    private RoomLog Log(string group) => _logs.GetOrAdd(group, static (_, length) => new RoomLog(length), _historyLength);
}
