using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>Where a member's <see cref="MemberOutbox"/> writes to: a socket, or a browser page.</summary>
public interface IOutboxWriter
{
    /// <summary>Writes one message. Called by one drainer at a time, in queue order.</summary>
    ValueTask WriteAsync(ChatMessage message);

    /// <summary>Says goodbye for <paramref name="reason"/>, after the last message; called once.</summary>
    ValueTask CloseAsync(DisconnectReason reason);
}
