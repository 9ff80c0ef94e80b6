using BlazorChat.Bus;
using BlazorChat.Rooms;

namespace BlazorChat.WebSockets;

/// <summary>
/// Stopping the server closes each open socket with 1001 (after what is already queued for it)
/// instead of letting it drop. The sockets are the ones <see cref="LocalConnections"/> lists.
/// </summary>
internal sealed class OpenSockets
{
    private readonly LocalConnections _connections;

    public OpenSockets(IHostApplicationLifetime lifetime, LocalConnections connections)
    {
        _connections = connections;
        lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var socket in Connections)
            {
                socket.Close(DisconnectReason.ServerStopping);
            }
        });
    }

    /// <summary>The sockets in a room now.</summary>
    public IEnumerable<RoomConnection> Connections => _connections.Snapshot().Where(c => c.Kind == ConnectionKind.Socket);
}
