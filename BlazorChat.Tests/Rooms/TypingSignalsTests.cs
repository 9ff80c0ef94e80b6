using BlazorChat.Rooms;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Rooms;

public sealed class TypingSignalsTests
{
    [Fact]
    public void OneSignalPassesPerIntervalHoweverManyComeBetween()
    {
        var time = new FakeTimeProvider();
        var signals = new TypingSignals(time);

        Assert.True(signals.TryPass());
        for (int i = 0; i < 50; i++)
        {
            Assert.False(signals.TryPass());
            time.Advance(TypingSignals.Interval / 100);
        }

        time.Advance(TypingSignals.Interval / 2);
        Assert.True(signals.TryPass());
        Assert.False(signals.TryPass());
    }
}
