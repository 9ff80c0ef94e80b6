using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BlazorChat.Chat;

/// <summary>
/// A message's place in its room. The memory bus issues <c>n</c> (a per-room sequence), Redis
/// issues its stream ids, <c>ms-n</c>; both read as a pair of numbers and order the same way, so
/// clients and the history seam compare them without knowing the provider.
/// </summary>
public readonly record struct MessageId(long Major, long Minor) : IComparable<MessageId>
{
    public static MessageId Zero => default;

    /// <summary>The longest id in text: two numbers of up to 20 digits and the dash.</summary>
    public const int MaxLength = 41;

    public static bool TryParse([NotNullWhen(true)] string? text, out MessageId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        int dash = text.IndexOf('-');
        var major = dash < 0 ? text.AsSpan() : text.AsSpan(0, dash);
        var minor = dash < 0 ? "0".AsSpan() : text.AsSpan(dash + 1);
        if (!long.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out long a)
            || !long.TryParse(minor, NumberStyles.None, CultureInfo.InvariantCulture, out long b))
        {
            return false;
        }

        id = new MessageId(a, b);
        return true;
    }

    /// <summary>The least id after this one: what a read up to this id, and no further, reads before.</summary>
    public MessageId Next() => new(Major, Minor + 1);

    public int CompareTo(MessageId other) => (Major, Minor).CompareTo((other.Major, other.Minor));

    public static bool operator <(MessageId left, MessageId right) => left.CompareTo(right) < 0;

    public static bool operator >(MessageId left, MessageId right) => left.CompareTo(right) > 0;

    public static bool operator <=(MessageId left, MessageId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MessageId left, MessageId right) => left.CompareTo(right) >= 0;
}
