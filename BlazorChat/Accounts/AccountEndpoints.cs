using BlazorChat.Data;
using BlazorChat.WebSockets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BlazorChat.Accounts;

/// <summary>
/// The account forms' posts: <c>/account/login</c>, <c>/account/register</c>, <c>/account/logout</c>,
/// and the passkeys' under <c>/account/passkeys</c> (<see cref="PasskeyEndpoints"/>).
/// The pages post natively (not through the circuit), since only an HTTP response can set or
/// clear the cookie. Each answers with a redirect: on to the page asked for, or back to the form
/// with an <see cref="AccountErrors"/> code. Every post needs the form's antiforgery token (400
/// without it) and is held to <c>Auth:SignInsPerMinute</c> per address (429 past it).
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Before the pages of the same paths: Blazor's page endpoints take POSTs too (for its own forms).
        var account = endpoints.MapGroup("/account")
            .WithOrder(-1)
            .RequireRateLimiting(AddressRateLimits.SignIns)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(RefuseForgedAsync);
        account.MapPost("/login", LoginAsync);
        account.MapPost("/register", RegisterAsync);
        account.MapPost("/logout", LogoutAsync);
        account.MapPasskeyEndpoints();
        return endpoints;
    }

    /// <summary>
    /// The rate limiter's answer to a form post past the limit: 429, with a page that takes the
    /// browser back to the sign-in form, which says why.
    /// </summary>
    public static ValueTask TooManyAttemptsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        string login = $"/account/login?error={AccountErrors.TooManyAttempts}";
        return new(context.Response.WriteAsync(
            $"<!DOCTYPE html><meta http-equiv=\"refresh\" content=\"0; url={login}\"><a href=\"{login}\">Too many sign-in attempts: wait a minute.</a>"));
    }

    private static async Task<IResult> LoginAsync(
        [FromForm(Name = "username")] string? userName, [FromForm(Name = "password")] string? password, [FromForm(Name = "ReturnUrl")] string? returnUrl,
        SignInManager<ChatUser> signIn)
    {
        string next = ReturnUrls.LocalOrHome(returnUrl);
        var result = await signIn.PasswordSignInAsync(userName ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(next);
        }

        return BackToSignIn(result.IsLockedOut ? AccountErrors.LockedOut : AccountErrors.WrongPassword, next);
    }

    /// <summary>A refused sign-in's answer: back to the form, which says why, with where to go on afterwards.</summary>
    internal static IResult BackToSignIn(string error, string next) =>
        Results.Redirect($"/account/login?error={error}&ReturnUrl={Uri.EscapeDataString(next)}");

    private static async Task<IResult> RegisterAsync(
        [FromForm(Name = "username")] string? userName, [FromForm(Name = "password")] string? password,
        AccountDirectory accounts, UserManager<ChatUser> users, SignInManager<ChatUser> signIn)
    {
        var result = await accounts.RegisterAsync(userName ?? "", password ?? "");
        if (!result.Succeeded)
        {
            return Results.Redirect($"/account/register?error={AccountErrors.OfRegistration(result)}");
        }

        await signIn.SignInAsync((await users.FindByNameAsync(userName!))!, isPersistent: false);
        return Results.Redirect("/");
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, UserManager<ChatUser> users, SignInManager<ChatUser> signIn)
    {
        if (await users.GetUserAsync(context.User) is { } user)
        {
            // A new security stamp signs the account out everywhere, not only in this browser:
            // every page it has open fails its next revalidation (Auth:RevalidationSeconds) and
            // leaves its room, and any other copy of the cookie is refused at its next check.
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Results.Redirect("/");
    }

    // The antiforgery middleware only records its verdict; a form binding refuses a bad one
    // itself, and this refuses it for the posts that bind none (logout).
    private static async ValueTask<object?> RefuseForgedAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        invocation.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad form", detail: "The form's antiforgery token is missing or not valid: reload the page and try again.")
            : await next(invocation);
}
