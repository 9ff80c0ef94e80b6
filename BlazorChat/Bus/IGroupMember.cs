using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>Whatever sits in a room: a raw WebSocket or a browser tab's chat session.</summary>
public interface IGroupMember
{
    string Id { get; }

    /// <summary>
    /// Hands a message to the member without blocking, usually by putting it on its bounded
    /// outbound queue (<see cref="MemberOutbox"/>). False when the member cannot take it: its queue
    /// is full, in which case the member disconnects itself as too slow, or it is already leaving.
    /// </summary>
    bool TryDeliver(ChatMessage message);

    /// <summary>
    /// Like <see cref="TryDeliver"/>, but leaves the writing to a later <see cref="Flush"/>. A large
    /// room's fan-out queues each message for every member in order, then spreads the writing
    /// over several threads. Members without a queue of their own simply deliver here.
    /// </summary>
    bool TryQueue(ChatMessage message) => TryDeliver(message);

    /// <summary>Writes what <see cref="TryQueue"/> left queued.</summary>
    void Flush()
    {
    }
}
