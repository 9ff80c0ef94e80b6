using BlazorChat.Components.Chat;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Components;

public sealed class PacedReadTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task RequestsDuringAReadMakeOneMoreReadAfterItAndNoSoonerThanThePause()
    {
        int reads = 0;
        var firstRead = new TaskCompletionSource();
        var paced = new PacedRead(async () =>
        {
            if (++reads == 1)
            {
                await firstRead.Task;
            }
        }, Pause, _time, CancellationToken.None);

        var first = paced.RequestAsync();
        // Ten more callers while the first read is under way: they only leave word.
        var others = Enumerable.Range(0, 10).Select(_ => paced.RequestAsync()).ToArray();
        await Task.WhenAll(others);
        Assert.Equal(1, reads);

        firstRead.SetResult();
        // The second read waits out the pause from the start of the first.
        await Task.Delay(50);
        Assert.Equal(1, reads);
        _time.Advance(Pause);
        await first;
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task AFailedReadReachesItsCallerAndTheNextRequestReadsAgain()
    {
        int reads = 0;
        var paced = new PacedRead(() => ++reads == 1 ? throw new InvalidOperationException("down") : Task.CompletedTask, Pause, _time, CancellationToken.None);

        Assert.Equal("down", (await Assert.ThrowsAsync<InvalidOperationException>(paced.RequestAsync)).Message);
        _time.Advance(Pause);
        await paced.RequestAsync();
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task StoppingDuringThePauseEndsTheWaitingReadQuietly()
    {
        int reads = 0;
        using var stop = new CancellationTokenSource();
        var paced = new PacedRead(() => { reads++; return Task.CompletedTask; }, Pause, _time, stop.Token);
        await paced.RequestAsync();

        var waiting = paced.RequestAsync();
        await stop.CancelAsync();
        await waiting;
        Assert.Equal(1, reads);
    }
}
