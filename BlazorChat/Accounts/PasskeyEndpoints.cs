using BlazorChat.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BlazorChat.Accounts;

/// <summary>
/// The server's half of the passkey ceremonies (the browser's is <c>wwwroot/js/passkeys.js</c>),
/// under <c>/account/passkeys</c> and so under the same antiforgery check and
/// <c>Auth:SignInsPerMinute</c> as the other account posts. Identity keeps each ceremony's
/// challenge in its short-lived two-factor cookie from the options request to the one that
/// completes it, and takes it away as it is used, so each ceremony completes once.
/// </summary>
internal static class PasskeyEndpoints
{
    private const string Expired = "This passkey request has expired or was already answered. Try again.";

    public static void MapPasskeyEndpoints(this RouteGroupBuilder account)
    {
        var passkeys = account.MapGroup("/passkeys");
        passkeys.MapPost("/creation-options", CreationOptionsAsync);
        passkeys.MapPost("/", AddAsync);
        passkeys.MapPost("/request-options", RequestOptionsAsync);
        passkeys.MapPost("/login", LoginAsync);
    }

    /// <summary>What the signed-in account's browser passes to <c>navigator.credentials.create</c>.</summary>
    private static async Task<IResult> CreationOptionsAsync(HttpContext context, UserManager<ChatUser> users, SignInManager<ChatUser> signIn)
    {
        if (await users.GetUserAsync(context.User) is not { } user)
        {
            return NotSignedIn();
        }

        if ((await users.GetPasskeysAsync(user)).Count >= Passkeys.MaxPerAccount)
        {
            return Refused(StatusCodes.Status409Conflict, Passkeys.TooMany);
        }

        var entity = new PasskeyUserEntity { Id = user.Id, Name = user.UserName!, DisplayName = user.DisplayName };
        return Results.Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    /// <summary>Checks the new credential against the ceremony begun above and keeps it, under its name.</summary>
    private static async Task<IResult> AddAsync(
        [FromForm(Name = "credential")] string? credential, [FromForm(Name = "name")] string? name,
        HttpContext context, UserManager<ChatUser> users, SignInManager<ChatUser> signIn)
    {
        if (await users.GetUserAsync(context.User) is not { } user)
        {
            return NotSignedIn();
        }

        name = name?.Trim();
        if (!Passkeys.IsValidName(name))
        {
            return Refused(StatusCodes.Status400BadRequest, Passkeys.NameRule);
        }

        if (credential is not { Length: > 0 and <= Passkeys.MaxCredentialLength })
        {
            return Refused(StatusCodes.Status400BadRequest, "The browser sent no credential, or one too large to be a passkey.");
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credential);
        }
        catch (InvalidOperationException)
        {
            // Identity's answer when this browser has no ceremony under way: it expired, or was used.
            return Refused(StatusCodes.Status400BadRequest, Expired);
        }

        if (!attestation.Succeeded)
        {
            return Refused(StatusCodes.Status400BadRequest, $"The passkey could not be verified: {attestation.Failure.Message}");
        }

        // The ceremony's cookie and the sign-in cookie could belong to two accounts after a switch.
        if (attestation.UserEntity.Id != user.Id)
        {
            return Refused(StatusCodes.Status400BadRequest, Expired);
        }

        if ((await users.GetPasskeysAsync(user)).Count >= Passkeys.MaxPerAccount)
        {
            return Refused(StatusCodes.Status409Conflict, Passkeys.TooMany);
        }

        attestation.Passkey.Name = name;
        var saved = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        return saved.Succeeded
            ? Results.NoContent()
            : Refused(StatusCodes.Status400BadRequest, saved.Errors.FirstOrDefault()?.Description ?? "The passkey could not be kept.");
    }

    /// <summary>
    /// What a browser passes to <c>navigator.credentials.get</c>: no account named, so the browser
    /// offers whichever passkeys it holds for this site, and nobody learns which accounts have any.
    /// </summary>
    private static async Task<IResult> RequestOptionsAsync(SignInManager<ChatUser> signIn) =>
        Results.Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    /// <summary>
    /// The sign-in form's passkey: posted natively, as the password is, and answered the same way
    /// (the Identity cookie and a redirect on, or back to the form with an <see cref="AccountErrors"/> code).
    /// </summary>
    private static async Task<IResult> LoginAsync(
        [FromForm(Name = "credential")] string? credential, [FromForm(Name = "ReturnUrl")] string? returnUrl, SignInManager<ChatUser> signIn)
    {
        string next = ReturnUrls.LocalOrHome(returnUrl);
        string error = AccountErrors.PasskeyRefused;
        if (credential is { Length: > 0 and <= Passkeys.MaxCredentialLength })
        {
            try
            {
                if ((await signIn.PasskeySignInAsync(credential)).Succeeded)
                {
                    return Results.LocalRedirect(next);
                }
            }
            catch (InvalidOperationException)
            {
                error = AccountErrors.PasskeyExpired;
            }
        }

        return AccountEndpoints.BackToSignIn(error, next);
    }

    private static ProblemHttpResult NotSignedIn() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "Sign in to manage your passkeys.");

    private static ProblemHttpResult Refused(int status, string detail) =>
        TypedResults.Problem(statusCode: status, title: "Passkey refused", detail: detail);
}
