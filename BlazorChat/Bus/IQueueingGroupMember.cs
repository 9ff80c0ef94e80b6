using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>
/// A member whose delivery comes in two steps, queueing and writing. A large room's fan-out
/// queues each message for every member in order, then shares the writing out over several
/// threads (<see cref="RoomWriter"/>). Members that are not one simply get <see cref="IGroupMember.TryDeliver"/>.
/// </summary>
public interface IQueueingGroupMember : IGroupMember
{
    /// <summary>Like <see cref="IGroupMember.TryDeliver"/>, but leaves the writing to a later <see cref="Flush"/>.</summary>
    bool TryQueue(ChatMessage message);

    /// <summary>Writes what <see cref="TryQueue"/> left queued.</summary>
    void Flush();
}
