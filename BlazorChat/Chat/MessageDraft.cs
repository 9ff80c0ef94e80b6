namespace BlazorChat.Chat;

/// <summary>
/// A message on its way to a room: the bus gives it an id and a time. With a <see cref="Key"/>
/// (see <see cref="SendKey"/>), the room takes it once however often it is sent. <see cref="User"/>
/// and <see cref="Origin"/> become the message's (see <see cref="ChatMessage"/>).
/// </summary>
public readonly record struct MessageDraft(
    string Sender, string Text, MessageKind Kind = MessageKind.Message, string? Key = null, string? User = null, string? Origin = null, string? Target = null)
{
    /// <summary>The message this draft becomes under <paramref name="id"/>, sent at <paramref name="ts"/>.</summary>
    public ChatMessage ToMessage(string id, string group, DateTimeOffset ts) => new(id, group, Sender, Text, ts, Kind, user: User, origin: Origin, target: Target);
}
