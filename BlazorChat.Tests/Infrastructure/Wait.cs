using BlazorChat.Chat;
using BlazorChat.Rooms;

namespace BlazorChat.Tests.Infrastructure;

public static class Wait
{
    /// <summary>
    /// Waits for a condition that the server reaches on its own after the test's last action,
    /// checking it at once and again each time <paramref name="subscribe"/>'s signal fires,
    /// failing with <paramref name="what"/> if it never holds.
    /// </summary>
    public static async Task ForAsync(Func<bool> condition, Action<Action> subscribe, Action<Action> unsubscribe, string what)
    {
        using var changed = new SemaphoreSlim(0);
        Action signal = () => changed.Release();
        subscribe(signal);
        try
        {
            var deadline = DateTime.UtcNow + TimeoutExtensions.Default;
            while (!condition())
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await changed.WaitAsync(left))
                {
                    Assert.Fail($"Timed out waiting until {what}.");
                }
            }
        }
        finally
        {
            unsubscribe(signal);
        }
    }

    /// <summary>Waits until the session's status is <paramref name="status"/>, woken by its <see cref="SessionState.Changed"/>.</summary>
    public static Task ForStatusAsync(ChatSession session, SessionStatus status, string what) =>
        ForAsync(() => session.State.Status == status, s => session.State.Changed += s, s => session.State.Changed -= s, what);

    /// <summary>Waits for a condition on the rooms' members, woken as connections come and go (<see cref="LocalConnections.Changed"/>).</summary>
    public static Task ForConnectionsAsync(LocalConnections connections, Func<bool> condition, string what) =>
        ForAsync(condition, s => connections.Changed += s, s => connections.Changed -= s, what);

    /// <summary>
    /// Polls for a condition that nothing in-process announces (an HTTP answer, another process's
    /// state, a log line), failing with <paramref name="what"/> if it never holds.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what) =>
        await UntilAsync(() => Task.FromResult(condition()), what);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeoutExtensions.Default;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            // Ten times a second: often enough for a test, and well within the API's default rate.
            await Task.Delay(100);
        }
    }
}
