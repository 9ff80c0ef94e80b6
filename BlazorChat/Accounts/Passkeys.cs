namespace BlazorChat.Accounts;

/// <summary>
/// The bounds on an account's passkeys (each is kept with its public key, attestation and name):
/// how many, how long a name, and how large a credential a browser may send.
/// </summary>
public static class Passkeys
{
    public const int MaxPerAccount = 10;

    public const int MaxNameLength = 64;

    /// <summary>
    /// The largest credential accepted, in characters of its JSON: a passkey made without
    /// attestation (as these are asked for) is well under 2,000.
    /// </summary>
    public const int MaxCredentialLength = 16_384;

    public const string NameRule = "A passkey's name is 1 to 64 characters, such as “laptop” or “phone”.";

    public static string TooMany => $"An account holds {MaxPerAccount} passkeys at most: remove one first.";

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && !string.IsNullOrWhiteSpace(name) && !name.Any(char.IsControl);
}
