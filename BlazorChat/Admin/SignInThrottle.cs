using System.Threading.RateLimiting;

namespace BlazorChat.Admin;

/// <summary>
/// How many admin sign-in attempts this instance checks: at most <see cref="AttemptsPerWindow"/>
/// in each <see cref="Window"/>, from all circuits and addresses together. A delay per failed
/// attempt slows one guesser, but not a thousand circuits guessing at once; this bounds them all.
/// An attempt past it is answered without its key being compared, the right key's too, so
/// parallel guesses gain nothing; the operator signs in once the window has passed.
/// </summary>
internal sealed class SignInThrottle
{
    public const int AttemptsPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // Replenished here, when the TimeProvider says a window has passed, rather than by the
    // limiter's own timer, which runs on the system clock alone. Its own window is one tick: when
    // asked to replenish it also checks the Stopwatch against its window, and that check must
    // never be the one that decides.
    private readonly FixedWindowRateLimiter _limiter = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = AttemptsPerWindow,
        Window = TimeSpan.FromTicks(1),
        QueueLimit = 0,
        AutoReplenishment = false,
    });

    private long _windowStarted;

    public SignInThrottle(TimeProvider time)
    {
        _time = time;
        _windowStarted = time.GetTimestamp();
    }

    /// <summary>True when this attempt may be checked; false when the window's attempts are spent.</summary>
    public bool TryAdmit()
    {
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_windowStarted, now) >= Window)
            {
                _limiter.TryReplenish();
                _windowStarted = now;
            }
        }

        using var lease = _limiter.AttemptAcquire();
        return lease.IsAcquired;
    }
}
