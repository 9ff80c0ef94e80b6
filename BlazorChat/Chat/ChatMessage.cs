using System.Text;
using System.Text.Json.Serialization;

namespace BlazorChat.Chat;

/// <summary>
/// One message in a room. Immutable, and shared: the bus hands the same instance to every local
/// member, so what is encoded from it is encoded once per process and cached here.
/// </summary>
public sealed class ChatMessage(string id, string group, string sender, string text, DateTimeOffset ts, MessageKind kind)
{
    private byte[]? _textUtf8;

    /// <summary>Orders the message within its room; assigned by the bus.</summary>
    public string Id { get; } = id;
    public string Group { get; } = group;
    public string Sender { get; } = sender;
    public string Text { get; } = text;
    public DateTimeOffset Ts { get; } = ts;
    public MessageKind Kind { get; } = kind;

    /// <summary>
    /// The text as UTF-8, the payload of a plain-mode frame. Computed on first use and shared by
    /// every socket the message goes to; a race computes it twice, harmlessly, with equal results.
    /// </summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> TextUtf8 => _textUtf8 ??= Encoding.UTF8.GetBytes(Text);
}
