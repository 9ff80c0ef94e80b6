using BlazorChat.Chat;
using BlazorChat.Diagnostics;

namespace BlazorChat.Bus;

/// <summary>
/// The in-process bus: a send is a local fan-out. Single process only; members in other
/// processes never see its messages (use <see cref="Redis.RedisGroupBus"/> for that).
/// Message ids are a process-wide sequence, so they increase within every room.
/// </summary>
public sealed class MemoryGroupBus : IGroupBus
{
    private readonly LocalGroups _local;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private long _sequence;

    public MemoryGroupBus(ChatMetrics metrics, TimeProvider time, ILogger<MemoryGroupBus> logger)
    {
        _metrics = metrics;
        _time = time;
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
        var id = Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = new ChatMessage(id, group, draft.Sender, draft.Text, _time.GetUtcNow(), draft.Kind);
        _metrics.MessageSent();
        var (delivered, refused) = _local.Deliver(group, message);
        _metrics.Delivered(delivered, refused);
        return Task.FromResult(message);
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
}
