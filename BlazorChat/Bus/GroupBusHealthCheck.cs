using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorChat.Bus;

/// <summary>Readiness of the bus: always ready in memory; on Redis, ready while Redis answers.</summary>
internal sealed class GroupBusHealthCheck(IBusProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy(await probe.ProbeAsync(cancellationToken));
        }
        catch (BusUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex.InnerException);
        }
    }
}
