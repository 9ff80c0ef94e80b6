using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorChat.Chat;

/// <summary>
/// One message in a room. Immutable, and shared: the bus hands the same instance to every local
/// member, so its encodings (plain text, JSON envelope) are made once per process and cached here.
/// Its JSON is the envelope of the JSON protocol: <c>{id, group, sender, text, ts, kind}</c>, and
/// <c>recovered</c> on the system envelope that reports a recovery, <c>user</c> when the
/// sender has an account, <c>target</c> on an edit or a deletion, and <c>edited</c> or
/// <c>deleted</c> on a message that history shows changed.
/// </summary>
public sealed class ChatMessage(
    string id, string group, string sender, string text, DateTimeOffset ts, MessageKind kind, bool? recovered = null, string? user = null, string? origin = null,
    string? target = null, MessageChange change = MessageChange.None)
{
    private byte[]? _textUtf8;
    private byte[]? _json;

    /// <summary>Orders the message within its room (see <see cref="MessageId"/>); empty for lines that are not part of the room's history.</summary>
    public string Id { get; } = id;

    public string Group { get; } = group;

    public string Sender { get; } = sender;

    public string Text { get; } = text;

    public DateTimeOffset Ts { get; } = ts;

    public MessageKind Kind { get; } = kind;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Recovered { get; } = recovered;

    /// <summary>The sender's account (its user name); null for a guest and for the room's own lines.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? User { get; } = user;

    /// <summary>
    /// The id of the connection that sent it, kept beside the message but never sent to clients:
    /// how a guest's page knows its own messages without trusting a name.
    /// </summary>
    [JsonIgnore]
    public string? Origin { get; } = origin;

    /// <summary>For an edit or a deletion, the id of the message it changes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Target { get; } = target;

    /// <summary>True on a message shown with a later edit's text (history folds its edits into it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Edited => Change == MessageChange.Edited ? true : null;

    /// <summary>True on a message taken back (history shows it so, with no text).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Deleted => Change == MessageChange.Deleted ? true : null;

    [JsonIgnore]
    public MessageChange Change { get; } = change;

    /// <summary>This message as a later edit or deletion leaves it.</summary>
    public ChatMessage ChangedBy(ChatMessage change) => change.Kind == MessageKind.Delete
        ? new(Id, Group, Sender, "", Ts, Kind, user: User, origin: Origin, change: MessageChange.Deleted)
        : new(Id, Group, Sender, change.Text, Ts, Kind, user: User, origin: Origin, change: MessageChange.Edited);

    /// <summary>
    /// The id as a <see cref="MessageId"/>, or null for a line outside the room's history. Parsed
    /// once and shared, like the encodings: every member's outbox compares it at the history seam.
    /// </summary>
    [JsonIgnore]
    public MessageId? OrderId { get; } = MessageId.TryParse(id, out var parsed) ? parsed : null;

    /// <summary>
    /// The text as UTF-8, the payload of a plain-mode frame. Computed on first use and shared by
    /// every socket it goes to; a race computes it twice, harmlessly, with equal results.
    /// </summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> TextUtf8 => _textUtf8 ??= Encoding.UTF8.GetBytes(Text);

    /// <summary>The JSON envelope as UTF-8, made once like <see cref="TextUtf8"/>.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> JsonUtf8 => _json ??= JsonSerializer.SerializeToUtf8Bytes(this, ChatJsonContext.Wire.ChatMessage);
}
