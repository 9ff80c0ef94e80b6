using BlazorChat.Chat;
using BlazorChat.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Accounts;

/// <summary>
/// The accounts' rules beyond Identity's: a display name that no other account shows and no
/// user name reads as, and the test every guest name passes (no account's user name or display
/// name, compared through <see cref="NameNormalizer"/>).
/// </summary>
public sealed class AccountDirectory(UserManager<ChatUser> users, ChatDbContext db)
{
    public const string NameTaken = "That name belongs to an account. Choose another, or sign in.";

    /// <summary>True when <paramref name="name"/> is an account's user name or display name (after normalisation).</summary>
    public Task<bool> IsTakenAsync(string name, CancellationToken cancellationToken = default) =>
        IsTakenAsync(name, exceptUserId: null, cancellationToken);

    /// <summary>Makes an account whose display name starts as its user name.</summary>
    public async Task<IdentityResult> RegisterAsync(string userName, string password)
    {
        if (!UserNames.IsValid(userName))
        {
            return Failed("InvalidUserName", UserNames.Rule);
        }

        if (await IsTakenAsync(userName, exceptUserId: null, default))
        {
            return Failed("DuplicateUserName", "That user name is taken.");
        }

        var user = new ChatUser { UserName = userName, DisplayName = userName, NormalizedDisplayName = NameNormalizer.Normalize(userName) };
        return await users.CreateAsync(user, password);
    }

    /// <summary>Renames the account as others see it; refused when the name is not a display name or is another account's.</summary>
    public async Task<IdentityResult> SetDisplayNameAsync(ChatUser user, string displayName)
    {
        displayName = displayName.Trim();
        if (DisplayName.Explain(displayName) is { } problem)
        {
            return Failed("InvalidDisplayName", problem);
        }

        if (await IsTakenAsync(displayName, user.Id, default))
        {
            return Failed("DuplicateDisplayName", "Another account uses that name.");
        }

        (user.DisplayName, user.NormalizedDisplayName) = (displayName, NameNormalizer.Normalize(displayName));
        return await users.UpdateAsync(user);
    }

    private async Task<bool> IsTakenAsync(string name, string? exceptUserId, CancellationToken cancellationToken)
    {
        string normalized = NameNormalizer.Normalize(name.Trim());
        return await db.Users.AnyAsync(
            u => u.Id != exceptUserId && (u.NormalizedUserName == normalized || u.NormalizedDisplayName == normalized), cancellationToken);
    }

    // Codes in Identity's own manner (its are DuplicateUserName, PasswordTooShort, ...), so a caller can tell the refusals apart.
    private static IdentityResult Failed(string code, string description) => IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
