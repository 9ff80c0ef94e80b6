namespace BlazorChat.Presence;

/// <summary>
/// The upkeep of presence shared between instances (<see cref="PresenceHeartbeat"/> runs it): saying
/// this instance is alive, and cleaning up after instances that died. Presence in one process
/// needs none, and its store does not offer it.
/// </summary>
public interface IPresenceMaintenance
{
    /// <summary>Says this instance is alive, and writes its own members again, so presence that Redis lost or another instance swept comes back within one beat.</summary>
    Task HeartbeatAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the entries of instances that stopped heartbeating, and returns them with their
    /// rooms, to announce their leaving. Sweeps nothing until this instance has itself heartbeated
    /// without a failure or a gap for a whole timeout, so coming back from an outage or a pause of
    /// its own it never takes the others, who could not heartbeat either, for dead.
    /// </summary>
    Task<IReadOnlyList<(string Group, PresenceEntry Entry)>> SweepAsync(CancellationToken cancellationToken);

    /// <summary>Takes this instance off the list at a clean shutdown.</summary>
    Task RetireAsync(CancellationToken cancellationToken);
}
