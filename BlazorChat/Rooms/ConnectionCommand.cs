namespace BlazorChat.Rooms;

/// <summary>
/// Which connections to end, on every instance, and why: a user's in one room (a ban), a user's
/// everywhere (a deleted account), those that signed in with one access token (revoked), or one
/// connection on the instance that holds it (an administrator's removal, <see cref="ForConnection"/>).
/// Any command that names a room also makes every instance forget what it cached of that room
/// (<see cref="RoomAccess"/>); <see cref="RoomChanged"/> does only that.
/// </summary>
/// <remarks>
/// <see cref="Instance"/> and <see cref="ConnectionId"/> came last and are optional, so instances
/// of an older version read a removal as a command that matches no connection.
/// </remarks>
public sealed record ConnectionCommand(string? UserId, Guid? TokenId, string? Room, string Reason, string? Instance = null, string? ConnectionId = null)
{
    public static ConnectionCommand ForToken(Guid tokenId) => new(null, tokenId, null, "the access token was revoked");

    public static ConnectionCommand ForUserInRoom(string userId, string room, string reason) => new(userId, null, room, reason);

    /// <summary>Ends no connection: the room's members or settings changed (an invite, a new moderator, an unban).</summary>
    public static ConnectionCommand RoomChanged(string room) => new(null, null, room, "the room changed");

    public static ConnectionCommand ForUser(string userId, string reason) => new(userId, null, null, reason);

    /// <summary>
    /// An administrator's removal of the connection <paramref name="connectionId"/> on
    /// <paramref name="instance"/> (an <see cref="Bus.InstanceIdentity.Id"/>): that instance kicks
    /// it as its own console would, with <paramref name="reason"/>. Naming the instance keeps a
    /// page's next connection elsewhere, under the same id, out of it.
    /// </summary>
    public static ConnectionCommand ForConnection(string instance, string connectionId, string reason) =>
        new(null, null, null, reason, instance, connectionId);

    /// <summary>Whether a ban or revocation ends <paramref name="connection"/>; a removal (<see cref="ForConnection"/>) is matched by its id alone.</summary>
    public bool Matches(RoomConnection connection) =>
        (UserId is not null || TokenId is not null)
        && (UserId is null || connection.Identity.UserId == UserId)
        && (TokenId is null || connection.Identity.TokenId == TokenId)
        && (Room is null || connection.Group == Room);
}
