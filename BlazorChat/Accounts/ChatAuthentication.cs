using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace BlazorChat.Accounts;

/// <summary>
/// The app's one authentication scheme: a request that carries an access token is the token's
/// (<see cref="AccessTokenAuthenticationHandler"/>), any other is the Identity cookie's.
/// </summary>
public static class ChatAuthentication
{
    public const string Scheme = "Chat";

    public static string SchemeFor(HttpContext context) =>
        AccessTokenAuthenticationHandler.Carries(context.Request) ? AccessTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme;

    /// <summary>
    /// The pages' cookie: the account pages' paths, and for the API and sockets a status code
    /// (401, 403) instead of a redirect to the sign-in page, which a script cannot follow.
    /// </summary>
    internal static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = "/account/login";
        options.LogoutPath = "/account/logout";
        options.AccessDeniedPath = "/account/login";
        options.Cookie.Name = "blazorchat.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromDays(14);
        options.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/ws"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
