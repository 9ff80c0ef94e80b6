namespace BlazorChat.Admin;

/// <summary>The directory of a single instance: there is no other instance to list.</summary>
internal sealed class MemoryConnectionDirectory : IConnectionDirectory
{
    public Task<IReadOnlyList<InstanceConnections>> OtherInstancesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InstanceConnections>>([]);
}
