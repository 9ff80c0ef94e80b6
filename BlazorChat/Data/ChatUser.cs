using Microsoft.AspNetCore.Identity;

namespace BlazorChat.Data;

/// <summary>
/// An account: Identity's user with the name others see. <see cref="NormalizedDisplayName"/> is
/// <see cref="DisplayName"/> through the same <see cref="Accounts.NameNormalizer"/> as Identity's
/// user names, so neither a guest nor another account can pass for this one.
/// </summary>
public sealed class ChatUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string NormalizedDisplayName { get; set; } = "";
}
