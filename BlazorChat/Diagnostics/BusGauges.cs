using System.Diagnostics.Metrics;
using BlazorChat.Bus;
using BlazorChat.Rooms;
using Microsoft.Extensions.Options;

namespace BlazorChat.Diagnostics;

/// <summary>
/// The <c>BlazorChat</c> meter's observed values: rooms and members on this instance, and whether
/// the bus can carry messages (on Redis: whether Redis is connected). Kept apart from
/// <see cref="ChatMetrics"/>, which the bus itself depends on.
/// </summary>
public sealed class BusGauges
{
    public BusGauges(ChatMetrics metrics, IGroupBus bus, LocalConnections connections, IOptions<BusOptions> options)
    {
        var provider = new KeyValuePair<string, object?>("provider", options.Value.Provider.ToString().ToLowerInvariant());
        metrics.Meter.CreateObservableGauge("blazorchat.rooms", () => bus.CountLocalGroups(), "{room}", "Rooms with at least one member on this instance.");
        metrics.Meter.CreateObservableGauge("blazorchat.members", () => connections.Count, "{member}", "Room memberships on this instance (sockets and pages).");
        metrics.Meter.CreateObservableGauge("blazorchat.bus.available", () => new Measurement<int>(bus.IsAvailable ? 1 : 0, provider), "1",
            "1 while the bus can carry messages (on Redis: connected), 0 while it cannot.");
    }
}
