using System.Diagnostics;
using System.Globalization;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using Microsoft.Extensions.Options;

namespace BlazorChat.Bus;

/// <summary>
/// The in-process bus: a send is a local fan-out. Single process only; members in other
/// processes never see its messages (use <see cref="Redis.RedisGroupBus"/> for that). Each room
/// keeps its newest <c>History:Length</c> messages in its <see cref="RoomLog"/>, numbered by a
/// per-room sequence (the ids "1", "2", ...), and the client keys of its newest keyed messages
/// (<see cref="RoomSendKeys"/>).
/// </summary>
public sealed class MemoryGroupBus : IGroupBus
{
    private readonly LocalGroups _local;

    // Made once: a method group passed on each send would be a new delegate for every message.
    private readonly Func<string, bool> _hasMembers;
    private readonly MemoryRoomLogs _logs;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly int _keysPerRoom;
    private readonly TimeSpan _keyTtl;

    public MemoryGroupBus(MemoryRoomLogs logs, ChatMetrics metrics, TimeProvider time, IOptions<HistoryOptions> history, ILogger<MemoryGroupBus> logger)
    {
        _logs = logs;
        _metrics = metrics;
        _time = time;
        _keysPerRoom = history.Value.Length;
        _keyTtl = TimeSpan.FromSeconds(history.Value.SendKeyTtlSeconds);
        _local = new LocalGroups((member, ex) => GroupBusLog.MemberFailed(logger, member.Id, ex));
        _hasMembers = HasMembers;
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
        SendKey.Validate(draft.Key);
        long started = Stopwatch.GetTimestamp();
        using var span = ChatTracing.StartSend(group, draft.Kind, "memory");
        ChatMessage message;
        int delivered, refused;
        if (!draft.Kind.IsKept())
        {
            // Live only: no number, nothing kept, no log made for a room that only saw comings and goings.
            message = draft.ToMessage("", group, _time.GetUtcNow());
            (delivered, refused) = _local.Deliver(group, message, span.Context);
        }
        else
        {
            (message, delivered, refused) = Keep(group, draft, span.Context);
        }

        span.Sent(message.Id);
        _metrics.MessageSent(started);
        _metrics.Delivered(delivered, refused);
        return Task.FromResult(message);
    }

    private (ChatMessage Message, int Delivered, int Refused) Keep(string group, MessageDraft draft, ActivityContext sender)
    {
        while (true)
        {
            var log = _logs.GetOrAdd(group, _hasMembers);
            // Numbered, kept and handed to every member under the room's lock, deliberately: every
            // member then sees the room's messages in id order, and a history read never straddles
            // a send. Handing over only enqueues, so the lock is held for microseconds.
            lock (log.Gate)
            {
                if (log.Forgotten)
                {
                    // Forgotten between the look-up and the lock: the next look-up makes a new log.
                    continue;
                }

                var now = _time.GetUtcNow();
                if (draft.Key is { } key && log.SendKeys?.TryGet(key, now, out var first) == true)
                {
                    // Sent before (its sender did not hear so): answered as then, neither kept nor delivered again.
                    return (draft.ToMessage(first.Id, group, first.Ts), 0, 0);
                }

                long seq = log.Next();
                var message = draft.ToMessage(seq.ToString(CultureInfo.InvariantCulture), group, now);
                log.Keep(message, _time.GetTimestamp());
                var (delivered, refused) = _local.Deliver(group, message, sender);
                if (draft.Key is { } newKey)
                {
                    (log.SendKeys ??= new RoomSendKeys(_keysPerRoom, _keyTtl)).Add(newKey, new(message.Id, message.Ts), now);
                }

                return (message, delivered, refused);
            }
        }
    }

    /// <summary>Whether the room has a member here (a room with members is never forgotten).</summary>
    private bool HasMembers(string group) => _local.CountMembers(group) > 0;

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
}
