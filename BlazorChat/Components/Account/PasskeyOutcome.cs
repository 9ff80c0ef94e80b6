using BlazorChat.Accounts;

namespace BlazorChat.Components.Account;

/// <summary>
/// How a passkey ceremony in the browser ended (<c>wwwroot/js/passkeys.js</c>): no
/// <see cref="Error"/> when it succeeded, else its code, and for the server's refusals the
/// ProblemDetails' own words in <see cref="Detail"/>.
/// </summary>
public sealed record PasskeyOutcome(string? Error = null, string? Detail = null)
{
    public bool Succeeded => Error is null;

    /// <summary>What went wrong, in words; null when nothing did.</summary>
    public string? Describe() => Error switch
    {
        null => null,
        "unsupported" => "This browser cannot use passkeys. Update it, or sign in with your password.",
        "cancelled" => "The browser gave no passkey: it was cancelled or timed out, or this device holds no passkey for this site.",
        "address" => "Passkeys need the site's name, not an IP address: open it as http://localhost:… or by its domain name.",
        "registered" => "This device already holds a passkey for your account.",
        "too-many" => AccountErrors.Describe(AccountErrors.TooManyAttempts, new()),
        "server" => Detail ?? "The server refused the passkey. Try again.",
        _ => $"The passkey could not be used: {Detail ?? Error}",
    };
}
