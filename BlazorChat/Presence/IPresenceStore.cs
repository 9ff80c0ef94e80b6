namespace BlazorChat.Presence;

/// <summary>
/// Who is in each room, across every instance. On Redis, an instance that stops heartbeating
/// has its members dropped from every answer once <c>Presence:InstanceTimeoutSeconds</c> passes.
/// </summary>
public interface IPresenceStore
{
    Task AddAsync(string group, PresenceEntry entry, CancellationToken cancellationToken = default);

    Task RemoveAsync(string group, string memberId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PresenceEntry>> ListAsync(string group, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default);
}
