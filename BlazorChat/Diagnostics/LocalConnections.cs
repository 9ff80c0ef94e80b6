using System.Collections.Concurrent;

namespace BlazorChat.Diagnostics;

/// <summary>Every socket and page in a room on this instance, for the metrics and the admin console.</summary>
public sealed class LocalConnections
{
    private readonly ConcurrentDictionary<string, ILocalConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(ILocalConnection connection) => _connections.TryAdd(connection.Id, connection);

    public void Remove(ILocalConnection connection) => _connections.TryRemove(new(connection.Id, connection));

    public IReadOnlyList<ILocalConnection> Snapshot() => [.. _connections.Values];

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
