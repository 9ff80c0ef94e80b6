using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace BlazorChat.Chat;

/// <summary>The rule for display names (1 to 32 characters, no control characters) and a generator for anonymous ones.</summary>
public static class DisplayName
{
    public const int MaxLength = 32;

    public const string Rule = "A display name is 1 to 32 characters, not all blank, with no control characters.";

    public static bool IsValid([NotNullWhen(true)] string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= MaxLength
        && !name.Any(char.IsControl);

    public static string? Explain(string? name) => IsValid(name) ? null : Rule;

    /// <summary>A name such as <c>guest-4f2a</c> for a client that gave none.</summary>
    public static string Generate() => $"guest-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";
}
