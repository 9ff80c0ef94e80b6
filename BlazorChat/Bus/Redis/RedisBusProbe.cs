namespace BlazorChat.Bus.Redis;

/// <summary>Ready while Redis is connected and answers a PING.</summary>
internal sealed class RedisBusProbe(RedisConnection connection) : IBusProbe
{
    public async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!connection.IsAvailable)
        {
            throw new BusUnavailableException("Redis is not connected; the bus is retrying in the background.");
        }

        var redis = await connection.GetAsync(cancellationToken);
        var latency = await RedisErrors.RunAsync(() => redis.GetDatabase().PingAsync().WaitAsync(cancellationToken), "Redis did not answer a PING.");
        return $"Redis answered in {latency.TotalMilliseconds:0.0} ms.";
    }
}
