using BlazorChat.Bus;
using BlazorChat.Chat;

namespace BlazorChat.Rooms;

/// <summary>
/// How a <see cref="RoomConnection"/> speaks to its member: a socket's frames (plain text or JSON
/// envelopes), or a browser page's callback. The connection calls it from its outbox, one call at
/// a time and in order.
/// </summary>
public interface IRoomWriter
{
    /// <summary>
    /// What the member reads before the live messages, having joined: lines of its own (a
    /// welcome, a notice that some messages are gone) around <paramref name="history"/>, which
    /// holds what came after <paramref name="since"/>, or the room's newest messages.
    /// </summary>
    IReadOnlyList<ChatMessage> Opening(RoomConnection connection, RoomHistory history, MessageId? since);

    /// <summary>Writes one message.</summary>
    ValueTask WriteAsync(ChatMessage message);

    /// <summary>Says goodbye for <paramref name="reason"/> after the last message; called once. <paramref name="detail"/> is an administrator's reason for a kick.</summary>
    ValueTask CloseAsync(DisconnectReason reason, string? detail);
}
