using BlazorChat.Bus.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorChat.Bus;

/// <summary>Readiness of the bus: always ready in memory; on Redis, ready while Redis answers.</summary>
internal sealed class GroupBusHealthCheck(IGroupBus bus) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (bus is not RedisGroupBus redis)
        {
            return HealthCheckResult.Healthy("In-memory bus.");
        }

        if (!redis.IsAvailable)
        {
            return HealthCheckResult.Unhealthy("Redis is not connected; the bus is retrying in the background.");
        }

        try
        {
            var latency = await redis.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis did not answer a PING.", ex);
        }
    }
}
