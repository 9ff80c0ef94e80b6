using System.Threading.RateLimiting;

namespace BlazorChat.Chat;

/// <summary>What a connection's rate limit says about one message.</summary>
public enum SendVerdict
{
    Allowed,

    /// <summary>Over the rate: refused, and the sender is told.</summary>
    Refused,

    /// <summary>Refused for the burst-th time in a row: the sender keeps flooding and is disconnected.</summary>
    Flooding,
}

/// <summary>
/// One connection's send rate (<c>Limits:MessagesPerSecond</c>, <c>Limits:MessageBurst</c>): a token
/// bucket holding the burst, refilled by the rate each second. A connection refused as many times
/// in a row as the burst is flooding, not merely eager, and is let go.
/// </summary>
public sealed class SendRateLimit : IDisposable
{
    private readonly TokenBucketRateLimiter? _bucket;
    private readonly int _floodingAfter;
    private int _refusedInARow;

    public SendRateLimit(LimitsOptions limits)
    {
        if (limits.MessagesPerSecond <= 0)
        {
            return;
        }

        _floodingAfter = limits.MessageBurst;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.MessageBurst,
            TokensPerPeriod = limits.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            // No timer per connection (thousands of them, each ticking every second): the bucket
            // is topped up on each attempt instead, by the time elapsed since the last one.
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }

    /// <summary>What to tell the sender whose message was refused.</summary>
    public static string Advice(LimitsOptions limits) =>
        $"slow down, at most {limits.MessagesPerSecond} messages a second (bursts of {limits.MessageBurst}).";

    public SendVerdict TryAcquire()
    {
        if (_bucket is null)
        {
            return SendVerdict.Allowed;
        }

        _bucket.TryReplenish();
        using var lease = _bucket.AttemptAcquire();
        if (lease.IsAcquired)
        {
            _refusedInARow = 0;
            return SendVerdict.Allowed;
        }

        return ++_refusedInARow >= _floodingAfter ? SendVerdict.Flooding : SendVerdict.Refused;
    }

    public void Dispose() => _bucket?.Dispose();
}
