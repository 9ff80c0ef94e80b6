using System.Security.Claims;
using BlazorChat.Accounts;
using BlazorChat.Chat;
using BlazorChat.Data;
using Microsoft.Extensions.Options;

namespace BlazorChat.Rooms;

/// <summary>
/// Who may come into a room, and as whom: the one rule that the socket endpoint, the pages and
/// the API's reads of a room apply. A private room admits its members only, and a ban keeps
/// anyone out of any room (<see cref="RoomAccess"/>). An account comes in under its display name,
/// whatever name it asks for. A guest comes in under the name it asks for (or one made up),
/// unless the server admits no guests (<c>Auth:Guests=Deny</c>) or the name is an account's.
/// </summary>
public sealed class RoomAdmission(AccountDirectory accounts, RoomAccess access, IOptions<AuthOptions> auth)
{
    public const string SignInRequired =
        "This server admits signed-in members only: sign in, or send an access token (Authorization: Bearer <token>, or ?access_token=<token>).";

    public const string PrivateRoom =
        "This room is private: sign in, or send an access token (Authorization: Bearer <token>, or ?access_token=<token>), as one of its members.";

    public const string NotAMember = "This room is private, and you are not one of its members: ask its owner or a moderator to invite you.";

    public const string Banned = "You are banned from this room.";

    public const string DatabaseUnavailable = "The accounts database cannot be reached right now; try again shortly.";

    public async Task<Admission> AdmitAsync(ClaimsPrincipal user, string room, string? requestedName, CancellationToken cancellationToken = default)
    {
        var identity = ChatClaims.IdentityOf(user);
        if (identity.IsGuest && auth.Value.Guests == GuestPolicy.Deny)
        {
            return Admission.Refuse(AdmissionRefusal.SignInRequired, SignInRequired);
        }

        if (await RefusalAsync(identity, room, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!identity.IsGuest)
        {
            return Admission.Admit(identity, ChatClaims.DisplayNameOf(user)!);
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

    /// <summary>
    /// Whether <paramref name="user"/> may see who is in <paramref name="room"/> and what was said
    /// there: null when it may, else the refusal it would get at the door (its name aside).
    /// </summary>
    public Task<Admission?> RefusalToReadAsync(ClaimsPrincipal user, string room, CancellationToken cancellationToken = default) =>
        RefusalAsync(ChatClaims.IdentityOf(user), room, cancellationToken);

    private async Task<Admission?> RefusalAsync(ChatIdentity identity, string room, CancellationToken cancellationToken)
    {
        RoomStanding standing;
        try
        {
            standing = await access.StandingAsync(room, identity, cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return Admission.Refuse(AdmissionRefusal.Unavailable, DatabaseUnavailable);
        }

        return standing switch
        {
            { MayEnter: true } => null,
            { Banned: true } => Admission.Refuse(AdmissionRefusal.Forbidden, Banned, standing.IsPrivate),
            _ when identity.IsGuest => Admission.Refuse(AdmissionRefusal.SignInRequired, PrivateRoom, privateRoom: true),
            _ => Admission.Refuse(AdmissionRefusal.Forbidden, NotAMember, privateRoom: true),
        };
    }
}
