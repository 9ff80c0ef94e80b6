using BlazorChat.Api;
using Microsoft.AspNetCore.Authentication;

namespace BlazorChat.Accounts;

/// <summary>
/// A request that carries an access token gets past here only if the token is good: a bad or
/// revoked one is refused with 401 (503 when the database cannot tell), whatever the endpoint,
/// before any socket upgrade. A request without a token goes on as a guest or the cookie's user.
/// </summary>
public static class BadTokens
{
    public static IApplicationBuilder UseBadTokenRefusal(this IApplicationBuilder app) =>
        app.UseWhen(context => AccessTokenAuthenticationHandler.Carries(context.Request), branch => branch.Use(async (context, next) =>
        {
            var result = await context.AuthenticateAsync(AccessTokenAuthenticationHandler.SchemeName);
            if (result.Failure is DatabaseUnavailableException unavailable)
            {
                await Problems.DatabaseUnavailable(unavailable.Message).ExecuteAsync(context);
            }
            else if (result.Failure is not null)
            {
                await Problems.BadToken().ExecuteAsync(context);
            }
            else
            {
                await next(context);
            }
        }));
}
