namespace BlazorChat.Tests.Infrastructure;

public static class Wait
{
    /// <summary>
    /// Waits for a condition that the server reaches on its own after the test's last action
    /// (a socket's clean-up, an unsubscribe), failing with <paramref name="what"/> if it never does.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeoutExtensions.Default;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeoutExtensions.Default;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }
}
