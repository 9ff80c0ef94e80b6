namespace BlazorChat.Presence;

/// <summary>Which rooms the room list leaves out (private ones: <see cref="Rooms.PrivateRoomFilter"/>).</summary>
public interface IRoomListFilter
{
    /// <summary><paramref name="rooms"/> without those nobody should see listed, in the same order.</summary>
    Task<IReadOnlyList<RoomSummary>> ListedAsync(IReadOnlyList<RoomSummary> rooms, CancellationToken cancellationToken = default);
}
