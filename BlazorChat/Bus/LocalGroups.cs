using System.Collections.Concurrent;
using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>
/// The members of each group that live in this process, and the local fan-out to them.
/// A group's members are an array that membership changes replace (copy on write, under a lock);
/// fan-out reads the current array without one, so a send never waits for a join and no lock is
/// held while delivering.
/// </summary>
internal sealed class LocalGroups(Action<IGroupMember, Exception> onMemberFailed)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, IGroupMember[]> _groups = new(StringComparer.Ordinal);
    private int _sharesWaiting;

    /// <summary>Adds a member; <paramref name="isFirst"/> tells whether the group had no local member before.</summary>
    /// <returns>False when the member was already in the group.</returns>
    public bool Add(string group, IGroupMember member, out bool isFirst)
    {
        lock (_gate)
        {
            var members = _groups.GetValueOrDefault(group, []);
            isFirst = members.Length == 0;
            if (Array.IndexOf(members, member) >= 0)
            {
                return false;
            }

            _groups[group] = [.. members, member];
            return true;
        }
    }

    /// <summary>Removes a member; <paramref name="wasLast"/> tells whether the group has no local member left.</summary>
    /// <returns>False when the member was not in the group.</returns>
    public bool Remove(string group, IGroupMember member, out bool wasLast)
    {
        lock (_gate)
        {
            wasLast = false;
            if (!_groups.TryGetValue(group, out var members) || Array.IndexOf(members, member) < 0)
            {
                return false;
            }

            if (members.Length == 1)
            {
                _groups.TryRemove(group, out _);
                wasLast = true;
            }
            else
            {
                _groups[group] = Array.FindAll(members, m => !ReferenceEquals(m, member));
            }

            return true;
        }
    }

    public int CountMembers(string group) => _groups.TryGetValue(group, out var members) ? members.Length : 0;

    public int CountGroups() => _groups.Count;

    /// <summary>
    /// Rooms at least this large have their writing shared out: one thread writes to one share of
    /// the members while the publishing thread writes to the rest. Smaller rooms are written to
    /// on the publishing thread alone, where a hand-off would cost more than it saves.
    /// </summary>
    public const int SharedWritingThreshold = 64;

    private static readonly int Shares = Math.Min(Environment.ProcessorCount, 4);

    /// <summary>Hands the message to every local member of the group.</summary>
    /// <returns>How many members took it, and how many did not (full, leaving, or failing).</returns>
    public (int Delivered, int Refused) Deliver(string group, ChatMessage message)
    {
        if (!_groups.TryGetValue(group, out var members))
        {
            return (0, 0);
        }

        if (members.Length < SharedWritingThreshold || Shares == 1)
        {
            int written = 0;
            foreach (var member in members)
            {
                written += Try(member, static (m, msg) => m.TryDeliver(msg), message);
            }

            return (written, members.Length - written);
        }

        // Queue for everyone first, in order (each member's queue keeps the room's order whoever
        // writes it), then write: all shares but the last on the thread pool, one work item each,
        // the last here. Sockets whose buffers have room take the write at once, so the shares
        // run in parallel on as many cores.
        int delivered = 0;
        foreach (var member in members)
        {
            delivered += Try(member, static (m, msg) => m.TryQueue(msg), message);
        }

        // Only while the thread pool keeps up: when the shares handed out earlier have not run
        // yet, this thread writes to everyone itself, so no member's queue waits on a busy pool.
        int shareSize = (members.Length + Shares - 1) / Shares;
        int last = members.Length - shareSize;
        if (Interlocked.CompareExchange(ref _sharesWaiting, 0, 0) != 0)
        {
            last = 0;
        }

        for (int start = 0; start < last; start += shareSize)
        {
            Interlocked.Increment(ref _sharesWaiting);
            ThreadPool.UnsafeQueueUserWorkItem(new FlushShare(this, members, start, Math.Min(start + shareSize, last)), preferLocal: false);
        }

        Flush(members, last, members.Length);
        return (delivered, members.Length - delivered);
    }

    private int Try(IGroupMember member, Func<IGroupMember, ChatMessage, bool> hand, ChatMessage message)
    {
        try
        {
            return hand(member, message) ? 1 : 0;
        }
        catch (Exception ex)
        {
            // A member that throws loses this message; the rest of the room does not.
            onMemberFailed(member, ex);
            return 0;
        }
    }

    private void Flush(IGroupMember[] members, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            try
            {
                members[i].Flush();
            }
            catch (Exception ex)
            {
                onMemberFailed(members[i], ex);
            }
        }
    }

    /// <summary>One share of a room's members, written to by one thread.</summary>
    private sealed class FlushShare(LocalGroups groups, IGroupMember[] members, int start, int end) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            groups.Flush(members, start, end);
            Interlocked.Decrement(ref groups._sharesWaiting);
        }
    }
}
