namespace BlazorChat.Chat;

/// <summary>
/// A message on its way to a room: the bus gives it an id and a time. With a <see cref="Key"/>
/// (see <see cref="SendKey"/>), the room takes it once however often it is sent.
/// </summary>
public readonly record struct MessageDraft(string Sender, string Text, MessageKind Kind = MessageKind.Message, string? Key = null);
