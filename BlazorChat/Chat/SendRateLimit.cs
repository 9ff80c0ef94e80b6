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
public sealed class SendRateLimit(double perSecond, int burst, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = burst;
    private readonly double _perSecond = perSecond;
    private readonly int _floodingAfter = burst;
    private double _tokens = burst;
    private long _lastRefill = time.GetTimestamp();
    private int _refusedInARow;

    /// <summary>A connection's send rate: <c>Limits:MessagesPerSecond</c> and <c>Limits:MessageBurst</c>.</summary>
    public SendRateLimit(LimitsOptions limits, TimeProvider time)
        : this(limits.MessagesPerSecond, limits.MessageBurst, time)
    {
    }

    /// <summary>
    /// The same bucket for a page's joins: <c>Limits:JoinsPerMinute</c>, a quarter of them at once,
    /// as the sockets' rate limiter has it. (It never reports flooding: the burst is never a row of refusals.)
    /// </summary>
    public static SendRateLimit ForJoins(LimitsOptions limits, TimeProvider time) =>
        new(limits.JoinsPerMinute / 60.0, Math.Max(1, limits.JoinsPerMinute / 4), time);

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
