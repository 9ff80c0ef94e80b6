using BlazorChat.Diagnostics;

namespace BlazorChat.Admin;

/// <summary>Messages per second on this instance between two readings of the totals.</summary>
public readonly record struct MessageRates(double SentPerSecond, double DeliveredPerSecond)
{
    public static MessageRates Between(ChatTotals earlier, ChatTotals later, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero
            ? default
            : new((later.Sent - earlier.Sent) / elapsed.TotalSeconds, (later.Delivered - earlier.Delivered) / elapsed.TotalSeconds);
}
