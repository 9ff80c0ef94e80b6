using System.Globalization;

namespace BlazorChat.Components.Chat;

/// <summary>
/// Finds the web links in a message's text. Only http:// and https:// addresses count, so a link
/// can never run script (javascript:) or carry a page of its own (data:). This only cuts the text
/// into runs; <see cref="MessageBody"/> HTML-encodes every run, so what someone typed never
/// becomes markup.
/// </summary>
internal static class MessageLinks
{
    private static readonly string[] Schemes = ["https://", "http://"];

    // Punctuation that ends a sentence around a link far more often than it ends the address.
    private const string TrailingPunctuation = ".,;:!?'*";

    /// <summary>The text as consecutive runs: plain ones with a null link, and links with the address to open.</summary>
    public static IEnumerable<(string Text, Uri? Link)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int plainStart = 0;
        int search = 0;
        int at;
        while (search < text.Length && (at = text.IndexOf("http", search, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            if (TryRead(text, at, out int length, out var link))
            {
                if (at > plainStart)
                {
                    yield return (text[plainStart..at], null);
                }

                yield return (text.Substring(at, length), link);
                plainStart = search = at + length;
            }
            else
            {
                search = at + 1;
            }
        }

        if (plainStart < text.Length)
        {
            yield return (text[plainStart..], null);
        }
    }

    private static bool TryRead(string text, int at, out int length, out Uri? link)
    {
        length = 0;
        link = null;
        // "xhttp://" is part of some other word, not a link.
        if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
        {
            return false;
        }

        var scheme = Array.Find(Schemes, s => text.AsSpan(at).StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (scheme is null)
        {
            return false;
        }

        int hostStart = at + scheme.Length;
        int end = hostStart;
        while (end < text.Length && !EndsAddress(text[end]))
        {
            end++;
        }

        end = TrimTrailing(text, hostStart, end);
        if (end == hostStart
            || !Uri.TryCreate(text[at..end], UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        length = end - at;
        link = uri;
        return true;
    }

    // Spaces and quotes end an address as they do in prose; control and format characters (a
    // right-to-left override, say) would let the shown address differ from the one opened.
    private static bool EndsAddress(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '`'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    // A closing bracket stays when the address opened it ("/wiki/Foo_(bar)"), and goes when it
    // closes the sentence's own bracket ("(see https://x.org/a)").
    private static int TrimTrailing(string text, int start, int end)
    {
        while (end > start)
        {
            char last = text[end - 1];
            bool trailing = TrailingPunctuation.Contains(last)
                || (last is ')' && Unbalanced(text, start, end, '(', ')'))
                || (last is ']' && Unbalanced(text, start, end, '[', ']'))
                || (last is '}' && Unbalanced(text, start, end, '{', '}'));
            if (!trailing)
            {
                return end;
            }

            end--;
        }

        return end;
    }

    private static bool Unbalanced(string text, int start, int end, char open, char close)
    {
        var address = text.AsSpan(start, end - start);
        return address.Count(close) > address.Count(open);
    }
}
