namespace BlazorChat.Rooms;

/// <summary>One member's typing signals, thinned to at most one every <see cref="Interval"/> on its way to the bus.</summary>
internal sealed class TypingSignals(TimeProvider time)
{
    /// <summary>
    /// Also how long a page shows someone as typing after their last signal, so a writer who keeps
    /// on is shown without a gap and one who stops is gone soon after.
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private long _last = long.MinValue;

    /// <summary>True when this signal goes on to the room; false when one went less than <see cref="Interval"/> ago.</summary>
    public bool TryPass()
    {
        long now = time.GetTimestamp();
        long last = Interlocked.Read(ref _last);
        return (last == long.MinValue || time.GetElapsedTime(last, now) >= Interval)
            && Interlocked.CompareExchange(ref _last, now, last) == last;
    }
}
