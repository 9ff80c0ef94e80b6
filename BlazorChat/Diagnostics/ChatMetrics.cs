using System.Diagnostics.Metrics;
using BlazorChat.Bus;

namespace BlazorChat.Diagnostics;

/// <summary>The <c>BlazorChat</c> meter: what passes through the rooms, and why connections end.</summary>
public sealed class ChatMetrics
{
    public const string MeterName = "BlazorChat";

    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _messagesDelivered;
    private readonly Counter<long> _deliveriesRefused;
    private readonly Counter<long> _messagesRefused;
    private readonly Counter<long> _disconnects;
    private readonly UpDownCounter<long> _connections;

    public ChatMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _messagesSent = meter.CreateCounter<long>("blazorchat.messages.sent", "{message}", "Messages accepted by the bus.");
        _messagesDelivered = meter.CreateCounter<long>("blazorchat.messages.delivered", "{message}", "Messages handed to a local member's queue.");
        _deliveriesRefused = meter.CreateCounter<long>("blazorchat.deliveries.refused", "{message}", "Messages a local member could not take (queue full, leaving, or failing).");
        _messagesRefused = meter.CreateCounter<long>("blazorchat.messages.refused", "{message}", "Messages refused to their sender, by reason (rate_limit, bus_unavailable, bad_input).");
        _disconnects = meter.CreateCounter<long>("blazorchat.disconnects", "{connection}", "Connections ended, by kind and reason.");
        _connections = meter.CreateUpDownCounter<long>("blazorchat.connections", "{connection}", "Open connections, by kind.");
    }

    public void MessageSent() => _messagesSent.Add(1);

    public void Delivered(int delivered, int refused)
    {
        if (delivered > 0)
        {
            _messagesDelivered.Add(delivered);
        }

        if (refused > 0)
        {
            _deliveriesRefused.Add(refused);
        }
    }

    public void MessageRefused(string kind, string reason) =>
        _messagesRefused.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));

    public void ConnectionOpened(string kind) => _connections.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void ConnectionClosed(string kind, DisconnectReason reason)
    {
        _connections.Add(-1, new KeyValuePair<string, object?>("kind", kind));
        _disconnects.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason.ToString()));
    }
}
