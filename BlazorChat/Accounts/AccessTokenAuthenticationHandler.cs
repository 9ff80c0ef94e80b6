using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorChat.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorChat.Accounts;

/// <summary>
/// Signs a script in with a personal access token: <c>Authorization: Bearer &lt;token&gt;</c>, or
/// <c>?access_token=&lt;token&gt;</c> where a header cannot be set (a browser's WebSocket). No
/// token is no result (a guest, or the cookie's user); a token that is not one of ours fails.
/// </summary>
internal sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    IUserClaimsPrincipalFactory<ChatUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    public const string QueryParameter = "access_token";

    /// <summary>True when the request carries a token, in either place.</summary>
    public static bool Carries(HttpRequest request) => TokenOf(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        AccessTokenRecord? record;
        try
        {
            record = await tokens.FindAsync(token, Context.RequestAborted);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return AuthenticateResult.Fail(new DatabaseUnavailableException(ex));
        }

        if (record is not { User: { } user })
        {
            return AuthenticateResult.Fail("The access token is not valid, or was revoked.");
        }

        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        identity.AddClaim(new Claim(ChatClaims.TokenId, record.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static string? TokenOf(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Query.TryGetValue(QueryParameter, out var values) ? values.ToString() : null;
    }
}
