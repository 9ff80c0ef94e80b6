using System.Security.Claims;
using BlazorChat.Rooms;

namespace BlazorChat.Accounts;

/// <summary>What the app reads from a signed-in principal, whichever way it signed in.</summary>
public static class ChatClaims
{
    /// <summary>The access token a script signed in with (its record's id).</summary>
    public const string TokenId = "blazorchat:token";

    /// <summary>The name the account shows in rooms.</summary>
    public const string DisplayName = "blazorchat:display_name";

    /// <summary>The connection identity of <paramref name="user"/>: its account, or a guest when it has none.</summary>
    public static ChatIdentity IdentityOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new ChatIdentity(id, user.FindFirstValue(ClaimTypes.Name), Guid.TryParse(user.FindFirstValue(TokenId), out var token) ? token : null)
            : ChatIdentity.Guest;

    /// <summary>The account's display name, or null for a guest.</summary>
    public static string? DisplayNameOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) is null ? null : user.FindFirstValue(DisplayName) ?? user.FindFirstValue(ClaimTypes.Name);
}
