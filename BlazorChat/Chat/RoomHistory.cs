namespace BlazorChat.Chat;

/// <summary>
/// Messages read back from a room, oldest first. <see cref="Recovered"/> is false when messages
/// after the id asked for are no longer kept, so the list starts later than asked.
/// </summary>
public sealed record RoomHistory(IReadOnlyList<ChatMessage> Messages, bool Recovered)
{
    public static RoomHistory Empty { get; } = new([], true);
}
