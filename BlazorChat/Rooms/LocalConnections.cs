using System.Collections.Concurrent;

namespace BlazorChat.Rooms;

/// <summary>Every socket and page in a room on this instance, for the metrics, the admin console and shutdown.</summary>
public sealed class LocalConnections
{
    private readonly ConcurrentDictionary<string, RoomConnection> _connections = new(StringComparer.Ordinal);

    /// <summary>Raised, on any thread, after a connection is added or removed.</summary>
    public event Action? Changed;

    public int Count => _connections.Count;

    public void Add(RoomConnection connection)
    {
        _connections[connection.Id] = connection;
        Changed?.Invoke();
    }

    public void Remove(RoomConnection connection)
    {
        // Only this connection: a page's next connection may already be here under the same id.
        if (_connections.TryRemove(new(connection.Id, connection)))
        {
            Changed?.Invoke();
        }
    }

    public IReadOnlyList<RoomConnection> Snapshot() => [.. _connections.Values];

    /// <summary>Kicks the connection with <paramref name="id"/>; false when it is no longer here.</summary>
    public bool TryKick(string id, string reason)
    {
        if (!_connections.TryGetValue(id, out var connection))
        {
            return false;
        }

        connection.Kick(reason);
        return true;
    }
}
