namespace BlazorChat.Diagnostics;

/// <summary>Running totals of <see cref="ChatMetrics"/>: messages sent and delivered, and what was refused or ended, by reason.</summary>
public sealed record ChatTotals(
    long Sent,
    long Delivered,
    long DeliveriesRefused,
    IReadOnlyDictionary<string, long> MessagesRefusedByReason,
    IReadOnlyDictionary<string, long> DisconnectsByReason);
