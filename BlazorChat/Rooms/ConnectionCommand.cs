namespace BlazorChat.Rooms;

/// <summary>
/// Which connections to end, on every instance, and why: a user's in one room (a ban), a user's
/// everywhere (a deleted account), or those that signed in with one access token (revoked).
/// Any command that names a room also makes every instance forget what it cached of that room
/// (<see cref="RoomAccess"/>); <see cref="RoomChanged"/> does only that.
/// </summary>
public sealed record ConnectionCommand(string? UserId, Guid? TokenId, string? Room, string Reason)
{
    public static ConnectionCommand ForToken(Guid tokenId) => new(null, tokenId, null, "the access token was revoked");

    public static ConnectionCommand ForUserInRoom(string userId, string room, string reason) => new(userId, null, room, reason);

    /// <summary>Ends no connection: the room's members or settings changed (an invite, a new moderator, an unban).</summary>
    public static ConnectionCommand RoomChanged(string room) => new(null, null, room, "the room changed");

    public static ConnectionCommand ForUser(string userId, string reason) => new(userId, null, null, reason);

    public bool Matches(RoomConnection connection) =>
        (UserId is not null || TokenId is not null)
        && (UserId is null || connection.Identity.UserId == UserId)
        && (TokenId is null || connection.Identity.TokenId == TokenId)
        && (Room is null || connection.Group == Room);
}
