using System.Collections.Concurrent;
using System.Diagnostics;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;

namespace BlazorChat.Bus;

/// <summary>
/// The members of each group that live in this process, and the local fan-out to them.
/// A group's members are a <see cref="Room"/> that membership changes replace (copy on write,
/// under a lock); fan-out reads the current one without a lock, so a send never waits for a join.
/// This type takes no lock while delivering; its caller may (the memory bus delivers under the
/// room's log lock, so that the room's order is one order for every member).
/// </summary>
internal sealed class LocalGroups(Action<IGroupMember, Exception> onMemberFailed)
{
    /// <summary>
    /// Rooms at least this large are written to by <see cref="RoomWriter"/>s on the thread pool;
    /// smaller ones on the publishing thread, where a hand-off would cost more than it saves.
    /// </summary>
    public const int SharedWritingThreshold = 64;

    private static readonly int Shares = Math.Min(Environment.ProcessorCount, 4);

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Room> _groups = new(StringComparer.Ordinal);

    /// <summary>Adds a member; <paramref name="isFirst"/> tells whether the group had no local member before.</summary>
    /// <returns>False when the member was already in the group.</returns>
    public bool Add(string group, IGroupMember member, out bool isFirst)
    {
        lock (_gate)
        {
            var members = _groups.TryGetValue(group, out var room) ? room.Members : [];
            isFirst = members.Length == 0;
            if (Array.IndexOf(members, member) >= 0)
            {
                return false;
            }

            _groups[group] = new Room([.. members, member], onMemberFailed);
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
            if (!_groups.TryGetValue(group, out var room) || Array.IndexOf(room.Members, member) < 0)
            {
                return false;
            }

            if (room.Members.Length == 1)
            {
                _groups.TryRemove(group, out _);
                wasLast = true;
            }
            else
            {
                _groups[group] = new Room(Array.FindAll(room.Members, m => !ReferenceEquals(m, member)), onMemberFailed);
            }

            return true;
        }
    }

    public int CountMembers(string group) => _groups.TryGetValue(group, out var room) ? room.Members.Length : 0;

    public int CountGroups() => _groups.Count;

    /// <summary>
    /// Hands the message to every local member of the group, in a span of its own (a child of the
    /// send's <paramref name="sender"/> context, when the send was traced).
    /// </summary>
    /// <returns>How many members took it, and how many did not (full, leaving, or failing).</returns>
    public (int Delivered, int Refused) Deliver(string group, ChatMessage message, ActivityContext sender)
    {
        if (!_groups.TryGetValue(group, out var room))
        {
            return (0, 0);
        }

        using var activity = ChatTracing.StartDeliver(group, message, sender);
        var members = room.Members;
        int delivered = 0;
        if (room.Writers is null)
        {
            foreach (var member in members)
            {
                delivered += Try(member, static (m, msg) => m.TryDeliver(msg), message);
            }
        }
        else
        {
            // Queue for everyone first, in order (each member's queue keeps the room's order,
            // whoever writes it); the room's writers then write on other threads, so the
            // publisher is back reading while the sockets are written to, on as many cores.
            foreach (var member in members)
            {
                delivered += Try(member, static (m, msg) => m is IQueueingGroupMember queueing ? queueing.TryQueue(msg) : m.TryDeliver(msg), message);
            }

            foreach (var writer in room.Writers)
            {
                if (!writer.Schedule())
                {
                    // The writer has fallen far behind: this publisher helps write before it
                    // reads its next message, so publishers cannot outrun their room's writing.
                    writer.Write();
                }
            }
        }

        ChatTracing.Delivered(activity, delivered, members.Length - delivered);
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

    /// <summary>A group's members as of one membership change, and (in a large room) the writers for its shares.</summary>
    private sealed class Room
    {
        public Room(IGroupMember[] members, Action<IGroupMember, Exception> onMemberFailed)
        {
            Members = members;
            if (members.Length >= SharedWritingThreshold && Shares > 1)
            {
                int shareSize = (members.Length + Shares - 1) / Shares;
                Writers = [.. members.OfType<IQueueingGroupMember>().Chunk(shareSize).Select(share => new RoomWriter(share, onMemberFailed))];
            }
        }

        public IGroupMember[] Members { get; }

        public RoomWriter[]? Writers { get; }
    }
}
