namespace BlazorChat.Admin;

/// <summary>
/// A directory that the instances publish their connections into, for the others' consoles
/// (<see cref="ConnectionSnapshotPublisher"/> keeps this instance's up to date). A single
/// instance has nobody to tell, and its directory does not offer it.
/// </summary>
public interface IConnectionSnapshots
{
    /// <summary>Puts <paramref name="snapshot"/> in place of this instance's last one.</summary>
    /// <exception cref="Bus.BusUnavailableException">The bus could not be reached.</exception>
    Task PublishAsync(InstanceConnections snapshot, CancellationToken cancellationToken);

    /// <summary>Takes this instance's snapshot away at a clean shutdown.</summary>
    /// <exception cref="Bus.BusUnavailableException">The bus could not be reached.</exception>
    Task WithdrawAsync(CancellationToken cancellationToken);
}
