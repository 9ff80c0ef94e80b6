namespace BlazorChat.Threading;

/// <summary>A slot taken by <see cref="SemaphoreSlimExtensions.EnterAsync"/>, given back on dispose.</summary>
internal readonly struct GateLease(SemaphoreSlim gate) : IDisposable
{
    public void Dispose() => gate.Release();
}
