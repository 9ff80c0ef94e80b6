using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

internal static partial class RedisGroupBusLog
{
    [LoggerMessage(1, LogLevel.Debug, "Subscribed to {Channel}.")]
    public static partial void Subscribed(ILogger logger, RedisChannel channel);

    [LoggerMessage(2, LogLevel.Debug, "Unsubscribed from {Channel}.")]
    public static partial void Unsubscribed(ILogger logger, RedisChannel channel);

    [LoggerMessage(3, LogLevel.Warning, "Could not unsubscribe from {Channel}; Redis drops it when the connection ends.")]
    public static partial void UnsubscribeFailed(ILogger logger, RedisChannel channel, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Ignored a message on {Channel} that is not a BlazorChat payload.")]
    public static partial void BadPayload(ILogger logger, RedisChannel channel, Exception? exception);

    [LoggerMessage(5, LogLevel.Error, "Lost the Redis connection to {EndPoint} ({FailureType}); retrying in the background.")]
    public static partial void ConnectionFailed(ILogger logger, string? endPoint, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(6, LogLevel.Information, "Redis connection to {EndPoint} restored; subscriptions are renewed.")]
    public static partial void ConnectionRestored(ILogger logger, string? endPoint);

    [LoggerMessage(7, LogLevel.Warning, "Could not subscribe to the control channel; trying again when Redis is back.")]
    public static partial void ControlSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Ignored a message on the control channel that is not a BlazorChat command.")]
    public static partial void MalformedControl(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Delivered {Count} messages of room {Room} that its subscription had missed.")]
    public static partial void MissedDelivered(ILogger logger, string room, int count);

    [LoggerMessage(10, LogLevel.Warning, "Could not read what the subscription to room {Room} missed; the next message or check reads it again.")]
    public static partial void MissedReadFailed(ILogger logger, string room, Exception exception);

    [LoggerMessage(11, LogLevel.Debug, "Could not check room {Room} for messages its subscription missed; trying again at the next check.")]
    public static partial void CheckFailed(ILogger logger, string room, Exception exception);
}
