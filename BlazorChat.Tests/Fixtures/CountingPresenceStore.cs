using BlazorChat.Presence;

namespace BlazorChat.Tests.Fixtures;

/// <summary>A presence store that counts the reads made of the store it wraps, for tests of how often pages and the API read presence.</summary>
public sealed class CountingPresenceStore(IPresenceStore inner) : IPresenceStore
{
    private int _memberReads;
    private int _roomReads;

    /// <summary>How many times a room's members were read.</summary>
    public int MemberReads => Volatile.Read(ref _memberReads);

    /// <summary>How many times the list of rooms was read.</summary>
    public int RoomReads => Volatile.Read(ref _roomReads);

    public Task AddAsync(string group, PresenceEntry entry, CancellationToken cancellationToken = default) =>
        inner.AddAsync(group, entry, cancellationToken);

    public Task RemoveAsync(string group, string memberId, CancellationToken cancellationToken = default) =>
        inner.RemoveAsync(group, memberId, cancellationToken);

    public Task<IReadOnlyList<PresenceEntry>> ListAsync(string group, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _memberReads);
        return inner.ListAsync(group, cancellationToken);
    }

    public Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _roomReads);
        return inner.ListRoomsAsync(cancellationToken);
    }
}
