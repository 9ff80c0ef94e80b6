using System.Collections.Concurrent;

namespace BlazorChat.Presence;

/// <summary>Presence in this process only, for the memory bus.</summary>
public sealed class MemoryPresenceStore : IPresenceStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, PresenceEntry>> _rooms = new(StringComparer.Ordinal);

    public Task AddAsync(string group, PresenceEntry entry, CancellationToken cancellationToken = default)
    {
        _rooms.GetOrAdd(group, _ => new(StringComparer.Ordinal))[entry.MemberId] = entry;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string group, string memberId, CancellationToken cancellationToken = default)
    {
        if (_rooms.TryGetValue(group, out var members))
        {
            members.TryRemove(memberId, out _);
            // Removed only while still empty, so a concurrent add is never lost.
            if (members.IsEmpty)
            {
                _rooms.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, PresenceEntry>>(group, members));
                if (!members.IsEmpty)
                {
                    _rooms.TryAdd(group, members);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PresenceEntry>> ListAsync(string group, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PresenceEntry>>(_rooms.TryGetValue(group, out var members) ? [.. members.Values] : []);

    public Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RoomSummary>>([.. _rooms
            .Select(room => new RoomSummary(room.Key, room.Value.Count))
            .Where(room => room.Members > 0)
            .OrderByDescending(room => room.Members).ThenBy(room => room.Group, StringComparer.Ordinal)
            .Take(IPresenceStore.MaxListedRooms)]);
}
