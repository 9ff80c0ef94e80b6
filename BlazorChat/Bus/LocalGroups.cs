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

    /// <summary>Hands the message to every local member of the group.</summary>
    /// <returns>How many members took it, and how many did not (full, leaving, or failing).</returns>
    public (int Delivered, int Refused) Deliver(string group, ChatMessage message)
    {
        if (!_groups.TryGetValue(group, out var members))
        {
            return (0, 0);
        }

        int delivered = 0;
        foreach (var member in members)
        {
            try
            {
                if (member.TryDeliver(message))
                {
                    delivered++;
                }
            }
            catch (Exception ex)
            {
                // A member that throws loses this message; the rest of the room does not.
                onMemberFailed(member, ex);
            }
        }

        return (delivered, members.Length - delivered);
    }
}
