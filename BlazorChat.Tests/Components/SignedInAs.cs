using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Components;

/// <summary>A fixed sign-in for component tests: the pages see <paramref name="userName"/> with <paramref name="roles"/>, cascaded as the app cascades it.</summary>
internal sealed class SignedInAs(string userName, params string[] roles) : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, $"id-{userName}"), new(ClaimTypes.Name, userName) };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"))));
    }

    public void AddTo(IServiceCollection services) => services.AddCascadingAuthenticationState().AddSingleton<AuthenticationStateProvider>(this);
}
