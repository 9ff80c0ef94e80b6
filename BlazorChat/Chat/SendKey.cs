using System.Diagnostics.CodeAnalysis;

namespace BlazorChat.Chat;

/// <summary>
/// The rule for a client's own key for a message (<c>{"text": "...", "key": "..."}</c>): 1 to 64
/// printable ASCII characters. A second send with a key already used in the room, within
/// <c>History:SendKeyTtlSeconds</c>, is not delivered or kept again: a retry after a lost answer
/// is delivered once.
/// </summary>
public static class SendKey
{
    public const int MaxLength = 64;

    public const string Rule = "a \"key\" is 1 to 64 printable ASCII characters.";

    public static bool IsValid([NotNullWhen(true)] string? key)
    {
        if (key is null || key.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws for a key that breaks the rule; null (no key) is fine.</summary>
    public static void Validate(string? key)
    {
        if (key is not null && !IsValid(key))
        {
            throw new ArgumentException($"Not a send key: {Rule}", nameof(key));
        }
    }
}
