namespace BlazorChat.Rooms;

/// <summary>
/// Which connections to end, on every instance, and why: a user's in one room (a ban), a user's
/// everywhere (a deleted account), or those that signed in with one access token (revoked).
/// </summary>
public sealed record ConnectionCommand(string? UserId, Guid? TokenId, string? Room, string Reason)
{
    public static ConnectionCommand ForToken(Guid tokenId) => new(null, tokenId, null, "the access token was revoked");

    public static ConnectionCommand ForUserInRoom(string userId, string room, string reason) => new(userId, null, room, reason);

    public static ConnectionCommand ForUser(string userId, string reason) => new(userId, null, null, reason);

    public bool Matches(RoomConnection connection) =>
        (UserId is not null || TokenId is not null)
        && (UserId is null || connection.Identity.UserId == UserId)
        && (TokenId is null || connection.Identity.TokenId == TokenId)
        && (Room is null || connection.Group == Room);
}
