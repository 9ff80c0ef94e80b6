using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BlazorChat.Bus;
using BlazorChat.Rooms;

namespace BlazorChat.Diagnostics;

/// <summary>
/// The <c>BlazorChat</c> meter: what passes through the rooms, and why connections end. It also
/// keeps running totals of the same counts, which the admin console turns into rates.
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "BlazorChat";

    // Publishing is a memory fan-out (microseconds) or a Redis round trip (a millisecond or so);
    // the default buckets, made for milliseconds, would put all of it in the first one.
    private static readonly double[] PublishBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _messagesDelivered;
    private readonly Counter<long> _deliveriesRefused;
    private readonly Counter<long> _messagesRefused;
    private readonly Counter<long> _disconnects;
    private readonly UpDownCounter<long> _connections;
    private readonly Histogram<double> _publishDuration;

    private long _sent;
    private long _delivered;
    private long _deliveryRefusals;
    private readonly ConcurrentDictionary<RefusalReason, long> _refusedByReason = new();
    private readonly ConcurrentDictionary<DisconnectReason, long> _disconnectsByReason = new();

    public ChatMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _messagesSent = Meter.CreateCounter<long>("blazorchat.messages.sent", "{message}", "Messages accepted by the bus.");
        _messagesDelivered = Meter.CreateCounter<long>("blazorchat.messages.delivered", "{message}", "Messages handed to a local member's queue.");
        _deliveriesRefused = Meter.CreateCounter<long>("blazorchat.deliveries.refused", "{message}", "Messages a local member could not take (queue full, leaving, or failing).");
        _messagesRefused = Meter.CreateCounter<long>("blazorchat.messages.refused", "{message}", "Messages refused to their sender, by kind and reason (rate_limit, bus_unavailable, bad_input).");
        _disconnects = Meter.CreateCounter<long>("blazorchat.disconnects", "{connection}", "Connections ended, by kind and reason.");
        _connections = Meter.CreateUpDownCounter<long>("blazorchat.connections", "{connection}", "Open connections, by kind (browser, socket).");
        _publishDuration = Meter.CreateHistogram("blazorchat.bus.publish.duration", "s", "Time to publish one message to its room, from the send to the bus's answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PublishBuckets });
    }

    /// <summary>The meter, for instruments observed elsewhere (<see cref="BusGauges"/>).</summary>
    public Meter Meter { get; }

    /// <summary>Records a message the bus accepted, and how long publishing it took since <paramref name="startTimestamp"/>.</summary>
    public void MessageSent(long startTimestamp)
    {
        _messagesSent.Add(1);
        Interlocked.Increment(ref _sent);
        _publishDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }

    public void Delivered(int delivered, int refused)
    {
        if (delivered > 0)
        {
            _messagesDelivered.Add(delivered);
            Interlocked.Add(ref _delivered, delivered);
        }

        if (refused > 0)
        {
            _deliveriesRefused.Add(refused);
            Interlocked.Add(ref _deliveryRefusals, refused);
        }
    }

    public void MessageRefused(ConnectionKind kind, RefusalReason reason)
    {
        _messagesRefused.Add(1, Kind(kind), new KeyValuePair<string, object?>("reason", reason.ToLabel()));
        _refusedByReason.AddOrUpdate(reason, 1, (_, count) => count + 1);
    }

    public void ConnectionOpened(ConnectionKind kind) => _connections.Add(1, Kind(kind));

    public void ConnectionClosed(ConnectionKind kind, DisconnectReason reason)
    {
        _connections.Add(-1, Kind(kind));
        _disconnects.Add(1, Kind(kind), new KeyValuePair<string, object?>("reason", reason.ToLabel()));
        _disconnectsByReason.AddOrUpdate(reason, 1, (_, count) => count + 1);
    }

    private static KeyValuePair<string, object?> Kind(ConnectionKind kind) => new("kind", kind.ToLabel());

    /// <summary>The totals since the process started.</summary>
    public ChatTotals Totals() => new(
        Interlocked.Read(ref _sent),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _deliveryRefusals),
        _refusedByReason.ToDictionary(pair => pair.Key.ToLabel(), pair => pair.Value),
        _disconnectsByReason.ToDictionary(pair => pair.Key.ToLabel(), pair => pair.Value));
}
