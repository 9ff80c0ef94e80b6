using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>History on the memory bus: each room's ring of its newest messages, in this process only.</summary>
public sealed class MemoryRoomHistory(MemoryRoomLogs logs) : IRoomHistory
{
    public Task<RoomHistory> ReadAsync(string group, MessageId? after, int limit, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 0);
        if (logs.Find(group) is not { } log)
        {
            return Task.FromResult(RoomHistory.Empty);
        }

        lock (log.Gate)
        {
            return Task.FromResult(log.Read(after?.Major, limit));
        }
    }

    public Task<IReadOnlyList<ChatMessage>> ReadBeforeAsync(string group, MessageId before, int limit, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 0);
        IReadOnlyList<ChatMessage> older = [];
        if (logs.Find(group) is { } log)
        {
            // A memory id is its sequence number: "before n" is up to n - 1 (a minor part only ever 0).
            long last = before.Minor > 0 ? before.Major : before.Major - 1;
            lock (log.Gate)
            {
                older = log.ReadUpTo(last, limit);
            }
        }

        return Task.FromResult(older);
    }

    public Task<ChatMessage?> FindAsync(string group, MessageId id, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ChatMessage? found = null;
        if (id.Minor == 0 && logs.Find(group) is { } log)
        {
            lock (log.Gate)
            {
                found = log.Find(id.Major);
            }
        }

        return Task.FromResult(found);
    }

    public Task<MessageId?> LastIssuedIdAsync(string group, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        MessageId? last = null;
        if (logs.Find(group) is { } log)
        {
            lock (log.Gate)
            {
                last = log.Last > 0 ? new MessageId(log.Last, 0) : null;
            }
        }

        return Task.FromResult(last);
    }
}
