namespace BlazorChat.Bus;

/// <summary>Asks the transport under the bus whether it answers, for the readiness check.</summary>
public interface IBusProbe
{
    /// <summary>Says how the transport answered.</summary>
    /// <exception cref="BusUnavailableException">It did not answer.</exception>
    Task<string> ProbeAsync(CancellationToken cancellationToken);
}
