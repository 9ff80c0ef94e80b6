namespace BlazorChat.Admin;

/// <summary>Where the admin console finds the connections of the other instances on the bus.</summary>
public interface IConnectionDirectory
{
    /// <summary>
    /// Every other live instance's connections, each as that instance last published them
    /// (<see cref="IConnectionSnapshots"/>); none on a bus of one instance.
    /// </summary>
    /// <exception cref="Bus.BusUnavailableException">The bus could not be read.</exception>
    Task<IReadOnlyList<InstanceConnections>> OtherInstancesAsync(CancellationToken cancellationToken = default);
}
