using BlazorChat.Accounts;

namespace BlazorChat.Chat;

/// <summary>
/// The names a page's reader answers to in a mention: the display name they are in the room as,
/// and an account's user name. Compared as the app compares every name (<see cref="NameNormalizer"/>),
/// so <c>@ADA</c> and the full-width <c>@ａｄａ</c> mention Ada.
/// </summary>
public sealed class ReaderNames
{
    public static ReaderNames None { get; } = new(null, null);

    private readonly string? _displayName;
    private readonly string? _userName;

    public ReaderNames(string? displayName, string? userName)
    {
        _displayName = string.IsNullOrEmpty(displayName) ? null : NameNormalizer.Normalize(displayName);
        _userName = string.IsNullOrEmpty(userName) ? null : NameNormalizer.Normalize(userName);
    }

    /// <summary>Whether <paramref name="name"/> (as written after an <c>@</c>) is the reader's.</summary>
    public bool IsReader(string name)
    {
        string normalized = NameNormalizer.Normalize(name);
        return normalized == _displayName || normalized == _userName;
    }

    /// <summary>
    /// Whether <paramref name="message"/> is marked (and counted) as mentioning the reader: an
    /// ordinary message, someone else's (<paramref name="own"/> false), that names them.
    /// </summary>
    public bool AreMentionedBy(ChatMessage message, bool own) =>
        message.Kind == MessageKind.Message && !own && AreMentionedIn(message.Text);

    /// <summary>Whether <paramref name="text"/> mentions the reader.</summary>
    public bool AreMentionedIn(string text) =>
        (_displayName ?? _userName) is not null && text.Contains(Mentions.Sign) && Mentions.NamesIn(text).Any(IsReader);
}
