namespace BlazorChat.Threading;

/// <summary>
/// <c>using (await gate.EnterAsync())</c> for a <see cref="SemaphoreSlim"/> of one slot: one
/// holder at a time, released however the block ends.
/// </summary>
internal static class SemaphoreSlimExtensions
{
    public static async ValueTask<GateLease> EnterAsync(this SemaphoreSlim gate, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        return new GateLease(gate);
    }
}
