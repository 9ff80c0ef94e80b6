using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace BlazorChat.Chat;

/// <summary>
/// The rule for display names, a guest's or an account's (1 to 32 characters, not all blank, none
/// that cannot be seen or that turn text around), and a generator for anonymous ones.
/// </summary>
public static class DisplayName
{
    public const int MaxLength = 32;

    public const string Rule = "A display name is 1 to 32 characters, not all blank, with no control, invisible or text-direction characters.";

    public static bool IsValid([NotNullWhen(true)] string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= MaxLength
        && !name.Any(IsHidden);

    public static string? Explain(string? name) => IsValid(name) ? null : Rule;

    /// <summary>A name such as <c>guest-4f2a</c> for a client that gave none.</summary>
    public static string Generate() => $"guest-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";

    // Control characters; format characters (zero-width spaces and joiners, the bidi overrides and
    // isolates, the soft hyphen); line and paragraph separators; and the letters and symbols that
    // render as blank space, which would let "ada" and "ada\u3164" look alike.
    private static bool IsHidden(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u180E' or '\u034F';
}
