using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BlazorChat.Chat;

/// <summary>
/// The one rule for room names, shared by the socket endpoint, the pages and the API:
/// 1 to 64 characters, each a Unicode letter, digit or underscore (<c>^\w+$</c>).
/// </summary>
public static partial class GroupName
{
    public const int MaxLength = 64;

    public const string Rule = "A room name is 1 to 64 letters, digits or underscores.";

    // \z, not $: $ would also accept a name followed by a newline.
    [GeneratedRegex(@"^\w{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid([NotNullWhen(true)] string? name) =>
        name is not null && Pattern().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is not a room name, or null when it is one.</summary>
    public static string? Explain(string? name) => IsValid(name) ? null : Rule;

    public static void Validate(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a room name. {Rule}", nameof(name));
        }
    }
}
