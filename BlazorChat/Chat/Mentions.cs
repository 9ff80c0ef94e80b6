using System.Globalization;

namespace BlazorChat.Chat;

/// <summary>
/// Finds the <c>@name</c> mentions in a message's text. A mention is an <c>@</c> that does not
/// follow a letter or digit (so an e-mail address is none) and a name of letters, digits,
/// <c>_</c>, <c>.</c> or <c>-</c> after it, without the punctuation that ends a sentence. A name
/// with spaces cannot be written so: such a display name is mentioned by its account's user name.
/// </summary>
public static class Mentions
{
    public const char Sign = '@';

    /// <summary>The text as consecutive runs: plain ones with a null name, and mentions (with the <c>@</c>) and the name they mention.</summary>
    public static IEnumerable<(string Text, string? Name)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int plainStart = 0;
        int at = text.IndexOf(Sign);
        while (at >= 0)
        {
            int length = NameLength(text, at);
            if (length > 0)
            {
                if (at > plainStart)
                {
                    yield return (text[plainStart..at], null);
                }

                yield return (text.Substring(at, length + 1), text.Substring(at + 1, length));
                plainStart = at + 1 + length;
            }

            at = plainStart < text.Length ? text.IndexOf(Sign, Math.Max(at + 1, plainStart)) : -1;
        }

        if (plainStart < text.Length)
        {
            yield return (text[plainStart..], null);
        }
    }

    /// <summary>The names <paramref name="text"/> mentions, in order.</summary>
    public static IEnumerable<string> NamesIn(string text) => Split(text).Where(run => run.Name is not null).Select(run => run.Name!);

    // The length of the name after the @ at `at`, or 0 when it is no mention.
    private static int NameLength(string text, int at)
    {
        if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
        {
            return 0;
        }

        int end = at + 1;
        while (end < text.Length && IsNameCharacter(text[end]))
        {
            end++;
        }

        while (end > at + 1 && text[end - 1] is '.' or '-')
        {
            end--;
        }

        return end - at - 1;
    }

    private static bool IsNameCharacter(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '.' or '-'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
