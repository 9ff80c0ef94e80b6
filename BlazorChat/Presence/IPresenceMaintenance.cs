namespace BlazorChat.Presence;

/// <summary>
/// The upkeep of presence shared between instances (<see cref="PresenceHeartbeat"/> runs it): saying
/// this instance is alive, and cleaning up after instances that died. Presence in one process
/// needs none, and its store does not offer it.
/// </summary>
public interface IPresenceMaintenance
{
    /// <summary>Says this instance is alive.</summary>
    Task HeartbeatAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the entries of instances that stopped heartbeating, and returns them with their rooms, to announce their leaving.</summary>
    Task<IReadOnlyList<(string Group, PresenceEntry Entry)>> SweepAsync(CancellationToken cancellationToken);

    /// <summary>Takes this instance off the list at a clean shutdown.</summary>
    Task RetireAsync(CancellationToken cancellationToken);
}
