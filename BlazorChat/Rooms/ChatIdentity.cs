using BlazorChat.Chat;

namespace BlazorChat.Rooms;

/// <summary>
/// Who a connection speaks for: an account (its id and user name, and the access token a script
/// signed in with), or a guest, who has none of these.
/// </summary>
public sealed record ChatIdentity(string? UserId, string? UserName, Guid? TokenId = null)
{
    public static ChatIdentity Guest { get; } = new(null, null);

    public bool IsGuest => UserId is null;

    /// <summary>
    /// Whether <paramref name="message"/> is this identity's, by who sent it and never by its name
    /// (a guest elsewhere may go by the same one): the account's, or for a guest the message of its
    /// own connection <paramref name="connectionId"/>.
    /// </summary>
    public bool Sent(ChatMessage message, string connectionId) => UserName is { } user ? message.User == user : message.Origin == connectionId;
}
