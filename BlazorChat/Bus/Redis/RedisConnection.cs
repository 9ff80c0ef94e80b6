using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// The process's one connection to Redis, shared by the bus and presence. Connecting never fails
/// the app: an unreachable Redis leaves a multiplexer that keeps retrying in the background
/// (<c>AbortOnConnectFail = false</c>), and <see cref="IsAvailable"/> says how things stand.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Task<ConnectionMultiplexer> _connection;
    private readonly ILogger _logger;

    public RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _connection = ConnectAsync(options);
    }

    public bool IsAvailable => _connection.IsCompletedSuccessfully && _connection.Result.IsConnected;

    /// <summary>Raised, on any thread, when the connection is lost or restored.</summary>
    public event Action? AvailabilityChanged;

    public Task<ConnectionMultiplexer> GetAsync(CancellationToken cancellationToken = default) => _connection.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        var redis = await _connection;
        await redis.DisposeAsync();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions options)
    {
        options = options.Clone();
        options.AbortOnConnectFail = false;
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        redis.ConnectionFailed += (_, e) =>
        {
            RedisGroupBusLog.ConnectionFailed(_logger, e.EndPoint?.ToString(), e.FailureType, e.Exception);
            AvailabilityChanged?.Invoke();
        };
        redis.ConnectionRestored += (_, e) =>
        {
            RedisGroupBusLog.ConnectionRestored(_logger, e.EndPoint?.ToString());
            AvailabilityChanged?.Invoke();
        };
        return redis;
    }
}
