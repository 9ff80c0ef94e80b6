using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>
/// What each room keeps of its messages (about <c>History:Length</c> of them): in the memory
/// bus's rings, or in each room's Redis stream. The bus writes it as it sends; this reads it.
/// </summary>
public interface IRoomHistory
{
    /// <summary>
    /// Reads the messages the room keeps, oldest first: those after <paramref name="after"/> when
    /// it is given (at most <paramref name="limit"/>, from the oldest), else the newest <paramref name="limit"/>.
    /// </summary>
    /// <exception cref="BusUnavailableException">The transport could not be read.</exception>
    Task<RoomHistory> ReadAsync(string group, MessageId? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest <paramref name="limit"/> kept messages before <paramref name="before"/>, oldest
    /// first: one page further back, for a reader scrolling up towards the start of what is kept.
    /// </summary>
    /// <exception cref="BusUnavailableException">The transport could not be read.</exception>
    Task<IReadOnlyList<ChatMessage>> ReadBeforeAsync(string group, MessageId before, int limit, CancellationToken cancellationToken = default);

    /// <summary>The kept message with <paramref name="id"/>, or null when the room keeps none under it.</summary>
    /// <exception cref="BusUnavailableException">The transport could not be read.</exception>
    Task<ChatMessage?> FindAsync(string group, MessageId id, CancellationToken cancellationToken = default);

    /// <summary>The newest id the room has issued, or null when it has issued none.</summary>
    /// <exception cref="BusUnavailableException">The transport could not be read.</exception>
    Task<MessageId?> LastIssuedIdAsync(string group, CancellationToken cancellationToken = default);
}
