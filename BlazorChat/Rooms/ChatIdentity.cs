namespace BlazorChat.Rooms;

/// <summary>
/// Who a connection speaks for: an account (its id and user name, and the access token a script
/// signed in with), or a guest, who has none of these.
/// </summary>
public sealed record ChatIdentity(string? UserId, string? UserName, Guid? TokenId = null)
{
    public static ChatIdentity Guest { get; } = new(null, null);

    public bool IsGuest => UserId is null;
}
