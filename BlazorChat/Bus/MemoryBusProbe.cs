namespace BlazorChat.Bus;

/// <summary>The memory bus has no transport to fail: always ready.</summary>
internal sealed class MemoryBusProbe : IBusProbe
{
    public Task<string> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult("In-memory bus.");
}
