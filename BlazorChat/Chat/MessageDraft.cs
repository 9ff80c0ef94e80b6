namespace BlazorChat.Chat;

/// <summary>A message on its way to a room: the bus gives it an id and a time.</summary>
public readonly record struct MessageDraft(string Sender, string Text, MessageKind Kind = MessageKind.Message);
