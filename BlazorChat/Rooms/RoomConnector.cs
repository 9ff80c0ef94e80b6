using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using Microsoft.Extensions.Options;

namespace BlazorChat.Rooms;

/// <summary>
/// Opens <see cref="RoomConnection"/>s, and holds what every connection shares: the bus, the
/// history, presence, metrics, the registry of this instance's connections, and the limits.
/// </summary>
public sealed class RoomConnector(
    IGroupBus bus,
    IRoomHistory history,
    RoomPresence presence,
    ChatMetrics metrics,
    LocalConnections connections,
    IOptions<BusOptions> busOptions,
    IOptions<LimitsOptions> limits,
    TimeProvider time,
    ILogger<RoomConnection> logger)
{
    /// <summary>
    /// A connection of <paramref name="kind"/> for <paramref name="name"/> to <paramref name="group"/>, not yet joined.
    /// A page that rejoins passes its own <paramref name="id"/> and first <paramref name="connectedAt"/>, so presence sees one member throughout.
    /// Without an <paramref name="identity"/>, the member is a guest.
    /// </summary>
    public RoomConnection Open(
        string group, string name, ConnectionKind kind, IRoomWriter writer, string? id = null, DateTimeOffset? connectedAt = null, ChatIdentity? identity = null)
    {
        GroupName.Validate(group);
        if (!DisplayName.IsValid(name))
        {
            throw new ArgumentException(DisplayName.Rule, nameof(name));
        }

        ArgumentNullException.ThrowIfNull(writer);
        return new RoomConnection(this, id ?? Guid.NewGuid().ToString("N"), group, name, kind, identity ?? ChatIdentity.Guest, connectedAt ?? time.GetUtcNow(), writer);
    }

    /// <summary>Whether the bus can carry messages right now.</summary>
    public bool IsAvailable => bus.IsAvailable;

    /// <summary>Raised, on any thread, when <see cref="IsAvailable"/> may have changed.</summary>
    public event Action? AvailabilityChanged
    {
        add => bus.AvailabilityChanged += value;
        remove => bus.AvailabilityChanged -= value;
    }

    /// <summary>The largest message, in UTF-8 bytes.</summary>
    public int MaxMessageBytes => limits.Value.MaxMessageBytes;

    internal IGroupBus Bus => bus;

    internal IRoomHistory History => history;

    internal RoomPresence Presence => presence;

    internal ChatMetrics Metrics => metrics;

    internal LocalConnections Connections => connections;

    internal LimitsOptions Limits => limits.Value;

    internal int OutboundQueueLength => busOptions.Value.OutboundQueueLength;

    /// <summary>
    /// The most messages one recovery (<c>since</c>) reads: the member's outbox capacity less an
    /// eighth. A member is let fall behind by at most its outbox's worth before it is cut off as a
    /// slow consumer, so a recovery of more would only be written to be cut off; and the margin
    /// leaves room for the welcome, a notice, and the live messages that arrive as it is written.
    /// </summary>
    internal int RecoveryLimit => Math.Max(1, OutboundQueueLength - OutboundQueueLength / 8);

    internal TimeProvider Time => time;

    internal ILogger Logger => logger;
}
