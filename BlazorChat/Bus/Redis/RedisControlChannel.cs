using System.Text.Json;
using BlazorChat.Chat;
using BlazorChat.Rooms;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// The control channel on Redis: one channel that every instance subscribes to from its start
/// (StackExchange.Redis subscribes again after each reconnect), carrying each command as JSON.
/// </summary>
internal sealed class RedisControlChannel : IControlChannel
{
    private readonly RedisConnection _connection;
    private readonly RedisChannel _channel;
    private readonly ILogger<RedisControlChannel> _logger;

    public RedisControlChannel(RedisConnection connection, RedisKeys keys, ILogger<RedisControlChannel> logger)
    {
        (_connection, _channel, _logger) = (connection, keys.ControlChannel, logger);
        _ = SubscribeAsync();
    }

    public event Action<ConnectionCommand>? Received;

    public async Task PublishAsync(ConnectionCommand command, CancellationToken cancellationToken = default)
    {
        var redis = await _connection.GetAsync(cancellationToken);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(command, ChatJsonContext.Default.ConnectionCommand);
        await RedisErrors.RunAsync(() => redis.GetSubscriber().PublishAsync(_channel, json),
            "Could not reach the other instances: Redis is unavailable.");
    }

    // Until it succeeds: tried at start, then again each time the connection comes back.
    private async Task SubscribeAsync()
    {
        var redis = await _connection.GetAsync();
        try
        {
            (await redis.GetSubscriber().SubscribeAsync(_channel)).OnMessage(OnMessage);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            RedisGroupBusLog.ControlSubscribeFailed(_logger, ex);
            _connection.AvailabilityChanged += RetryOnce;
        }
    }

    private void RetryOnce()
    {
        _connection.AvailabilityChanged -= RetryOnce;
        _ = SubscribeAsync();
    }

    private void OnMessage(ChannelMessage message)
    {
        try
        {
            if (JsonSerializer.Deserialize((byte[])message.Message!, ChatJsonContext.Default.ConnectionCommand) is { } command)
            {
                Received?.Invoke(command);
            }
        }
        catch (JsonException ex)
        {
            RedisGroupBusLog.MalformedControl(_logger, ex);
        }
    }
}
