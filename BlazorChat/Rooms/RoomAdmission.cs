using System.Security.Claims;
using BlazorChat.Accounts;
using BlazorChat.Chat;
using BlazorChat.Data;
using Microsoft.Extensions.Options;

namespace BlazorChat.Rooms;

/// <summary>
/// Who may come into a room, and as whom: the one rule that the socket endpoint and the pages
/// apply. An account comes in under its display name, whatever name it asks for. A guest comes in
/// under the name it asks for (or one made up), unless the server admits no guests
/// (<c>Auth:Guests=Deny</c>) or the name is an account's.
/// </summary>
public sealed class RoomAdmission(AccountDirectory accounts, IOptions<AuthOptions> auth)
{
    public const string SignInRequired =
        "This server admits signed-in members only: sign in, or send an access token (Authorization: Bearer <token>, or ?access_token=<token>).";

    public const string DatabaseUnavailable = "The accounts database cannot be reached right now; try again shortly.";

    public async Task<Admission> AdmitAsync(ClaimsPrincipal user, string room, string? requestedName, CancellationToken cancellationToken = default)
    {
        var identity = ChatClaims.IdentityOf(user);
        if (!identity.IsGuest)
        {
            return Admission.Admit(identity, ChatClaims.DisplayNameOf(user)!);
        }

        if (auth.Value.Guests == GuestPolicy.Deny)
        {
            return Admission.Refuse(AdmissionRefusal.SignInRequired, SignInRequired);
        }

        string name = requestedName ?? DisplayName.Generate();
        if (DisplayName.Explain(name) is { } problem)
        {
            return Admission.Refuse(AdmissionRefusal.BadName, problem);
        }

        try
        {
            return await accounts.IsTakenAsync(name, cancellationToken)
                ? Admission.Refuse(AdmissionRefusal.NameTaken, AccountDirectory.NameTaken)
                : Admission.Admit(ChatIdentity.Guest, name);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return Admission.Refuse(AdmissionRefusal.Unavailable, DatabaseUnavailable);
        }
    }
}
