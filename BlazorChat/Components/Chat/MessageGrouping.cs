using System.Globalization;
using BlazorChat.Chat;

namespace BlazorChat.Components.Chat;

/// <summary>
/// How the pane arranges its rows: a day divider before the first message of each of the reader's
/// days, and a run of messages one person sent close together shown under one header.
/// </summary>
internal static class MessageGrouping
{
    /// <summary>The longest pause between two messages of one group; after it, the sender is named again.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    /// <summary>The day <paramref name="message"/> was sent, in the reader's time.</summary>
    public static DateOnly LocalDay(ChatMessage message, TimeSpan utcOffset) =>
        DateOnly.FromDateTime(message.Ts.ToOffset(utcOffset).DateTime);

    /// <summary>
    /// A day's divider, named as the reader would say it: "Today", "Yesterday", else the date in
    /// full (in English, as the app's words are, whatever the server's culture).
    /// </summary>
    public static string DayLabel(DateOnly day, DateOnly today) =>
        day == today ? "Today"
        : day == today.AddDays(-1) ? "Yesterday"
        : day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static bool StartsDay(ChatMessage? previous, ChatMessage message, TimeSpan utcOffset) =>
        previous is null || LocalDay(previous, utcOffset) != LocalDay(message, utcOffset);

    /// <summary>
    /// Whether <paramref name="message"/> goes under the header of <paramref name="previous"/>: both
    /// said by the same person, with no room line between, on one day, close together.
    /// </summary>
    public static bool Continues(ChatMessage? previous, ChatMessage message, TimeSpan utcOffset) =>
        previous is { Kind: MessageKind.Message }
        && message.Kind == MessageKind.Message
        && SameSender(previous, message)
        && (message.Ts - previous.Ts).Duration() <= MaxPause
        && !StartsDay(previous, message, utcOffset);

    // A name alone is not a person: a guest may take a name someone else just left. An account is
    // one person across its tabs; a guest is one connection.
    private static bool SameSender(ChatMessage previous, ChatMessage message) =>
        previous.Sender == message.Sender
        && previous.User == message.User
        && (message.User is not null || previous.Origin == message.Origin);
}
