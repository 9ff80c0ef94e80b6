namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when the test moves it, for code that measures time through a
/// <see cref="TimeProvider"/>. Timers and delays made from it still run on real time.
/// </summary>
public sealed class ManualTime : TimeProvider
{
    private readonly DateTimeOffset _start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => _start.AddTicks(Interlocked.Read(ref _ticks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
