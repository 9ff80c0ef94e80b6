using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>
/// Process-wide group messaging: Django Channels' channel layer with its groups extension.
/// A member added to a group receives every message sent to that group until it is discarded.
/// Delivery is best effort and never blocking: a slow or failing member never fails a send or
/// delays the others (see <see cref="IGroupMember.TryDeliver"/>).
/// </summary>
public interface IGroupBus
{
    /// <summary>Adds <paramref name="member"/> to <paramref name="group"/>. Adding a member twice is a no-op.</summary>
    Task GroupAddAsync(string group, IGroupMember member, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="member"/> from <paramref name="group"/>. Discarding a non-member is a no-op.</summary>
    Task GroupDiscardAsync(string group, IGroupMember member, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the draft an id and a time, keeps it in the room's history (<see cref="IRoomHistory"/>)
    /// and delivers it to every member of the group, on every process.
    /// </summary>
    /// <exception cref="BusUnavailableException">The transport could not take the message; nobody received it.</exception>
    Task<ChatMessage> GroupSendAsync(string group, MessageDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Whether the bus can carry messages right now (false while Redis is unreachable).</summary>
    bool IsAvailable { get; }

    /// <summary>Raised, on any thread, when <see cref="IsAvailable"/> may have changed.</summary>
    event Action? AvailabilityChanged;

    /// <summary>How many members of <paramref name="group"/> live in this process.</summary>
    int CountLocalMembers(string group);

    /// <summary>How many groups have at least one member in this process.</summary>
    int CountLocalGroups();
}
