namespace BlazorChat.Presence;

/// <summary>
/// Who is in each room, across every instance. On Redis, an instance that stops heartbeating
/// has its members dropped from every answer once <c>Presence:InstanceTimeoutSeconds</c> passes.
/// </summary>
public interface IPresenceStore
{
    /// <summary>
    /// The most rooms <see cref="ListRoomsAsync"/> returns: the biggest ones. Whoever opens ten
    /// thousand rooms does not make every room list ten thousand rows long.
    /// </summary>
    const int MaxListedRooms = 100;

    Task AddAsync(string group, PresenceEntry entry, CancellationToken cancellationToken = default);

    Task RemoveAsync(string group, string memberId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PresenceEntry>> ListAsync(string group, CancellationToken cancellationToken = default);

    /// <summary>The rooms that have members, biggest first, at most <see cref="MaxListedRooms"/> of them.</summary>
    Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default);
}
