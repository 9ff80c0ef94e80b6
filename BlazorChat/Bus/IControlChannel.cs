using BlazorChat.Rooms;

namespace BlazorChat.Bus;

/// <summary>
/// Commands that every instance acts on, this one included: the bus carries them as it carries
/// a room's messages (in process on Memory, a Redis channel on Redis).
/// </summary>
public interface IControlChannel
{
    /// <exception cref="BusUnavailableException">The bus could not carry the command.</exception>
    Task PublishAsync(ConnectionCommand command, CancellationToken cancellationToken = default);

    /// <summary>Raised, on any thread, for each command any instance published.</summary>
    event Action<ConnectionCommand>? Received;
}
