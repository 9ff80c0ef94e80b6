namespace BlazorChat.Presence;

/// <summary>
/// The list of rooms as this instance shows it (home pages, <c>/api/rooms</c>): one snapshot shared
/// by every reader, read from the store at most once per <see cref="Refresh"/>, so a hundred open
/// home pages cost one read every two seconds, not a hundred. What the <see cref="IRoomListFilter"/>
/// leaves out (private rooms) is never in it; without one (the core outside the app, with no
/// database), every room is listed.
/// </summary>
/// <remarks>
/// A read that fails (Redis down) is shared too, until the refresh comes round: readers keep what
/// they showed, and an outage is not met with a read per reader. One reader giving up does not
/// cancel the read the others wait on.
/// </remarks>
public sealed class RoomListCache(IPresenceStore store, TimeProvider time, IRoomListFilter? filter = null)
{
    /// <summary>How old the list may be: often enough to feel live, rarely enough to cost nothing.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private Task<IReadOnlyList<RoomSummary>>? _read;
    private long _readAt;

    /// <summary>The rooms with members, biggest first (at most <see cref="IPresenceStore.MaxListedRooms"/>), as read at most <see cref="Refresh"/> ago.</summary>
    public Task<IReadOnlyList<RoomSummary>> GetAsync(CancellationToken cancellationToken = default)
    {
        Task<IReadOnlyList<RoomSummary>> read;
        lock (_lock)
        {
            if (_read is null || time.GetElapsedTime(_readAt) >= Refresh)
            {
                _readAt = time.GetTimestamp();
                _read = ReadAsync();
            }

            read = _read;
        }

        return read.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<RoomSummary>> ReadAsync()
    {
        var rooms = await store.ListRoomsAsync(CancellationToken.None);
        return filter is null ? rooms : await filter.ListedAsync(rooms, CancellationToken.None);
    }
}
