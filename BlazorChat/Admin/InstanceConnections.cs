using BlazorChat.Bus;
using BlazorChat.Rooms;

namespace BlazorChat.Admin;

/// <summary>
/// One instance's connections as of <see cref="TakenAt"/>: the longest connected first, at most
/// <c>Admin:ListedConnectionsPerInstance</c> of them, and how many it held in all.
/// </summary>
public sealed record InstanceConnections(string InstanceId, string InstanceName, DateTimeOffset TakenAt, int Total, IReadOnlyList<ListedConnection> Connections)
{
    /// <summary>This instance's connections now, the first <paramref name="limit"/> of them.</summary>
    public static InstanceConnections Of(InstanceIdentity instance, LocalConnections local, int limit, DateTimeOffset now)
    {
        var all = local.Snapshot();
        return new(instance.Id, instance.Name, now, all.Count,
            [.. all.OrderBy(c => c.ConnectedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Take(limit).Select(ListedConnection.Of)]);
    }

    /// <summary>Whether some connections are left out of <see cref="Connections"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Truncated => Connections.Count < Total;
}
