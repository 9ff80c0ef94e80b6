using System.Security.Claims;
using BlazorChat.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorChat.Accounts;

/// <summary>Identity's principal for an account, with its display name, so a page and a socket never read the database for it.</summary>
internal sealed class ChatUserClaimsFactory(UserManager<ChatUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ChatUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ChatUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ChatClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
