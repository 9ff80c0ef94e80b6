namespace BlazorChat.Chat;

/// <summary>
/// One connection's send rate (<c>Limits:MessagesPerSecond</c>, <c>Limits:MessageBurst</c>): a token
/// bucket holding the burst, refilled at the rate. A connection refused as many times in a row as
/// the burst is flooding, not merely eager, and is let go.
/// </summary>
/// <remarks>
/// A bucket of its own rather than System.Threading.RateLimiting's TokenBucketRateLimiter, which
/// reads the clock itself: this one reads <see cref="TimeProvider"/>, so tests move time instead
/// of sleeping. It keeps no timer either (thousands of connections, each ticking): it is topped up
/// on each attempt by the time elapsed since the last one.
/// </remarks>
public sealed class SendRateLimit(LimitsOptions limits, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = limits.MessageBurst;
    private readonly double _perSecond = limits.MessagesPerSecond;
    private readonly int _floodingAfter = limits.MessageBurst;
    private double _tokens = limits.MessageBurst;
    private long _lastRefill = time.GetTimestamp();
    private int _refusedInARow;

    /// <summary>What to tell the sender whose message was refused.</summary>
    public static string Advice(LimitsOptions limits) =>
        $"slow down, at most {limits.MessagesPerSecond} messages a second (bursts of {limits.MessageBurst}).";

    public SendVerdict TryAcquire()
    {
        if (_perSecond <= 0)
        {
            return SendVerdict.Allowed;
        }

        lock (_gate)
        {
            long now = time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + time.GetElapsedTime(_lastRefill, now).TotalSeconds * _perSecond);
            _lastRefill = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                _refusedInARow = 0;
                return SendVerdict.Allowed;
            }

            return ++_refusedInARow >= _floodingAfter ? SendVerdict.Flooding : SendVerdict.Refused;
        }
    }
}
