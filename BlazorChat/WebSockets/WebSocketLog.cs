namespace BlazorChat.WebSockets;

internal static partial class WebSocketLog
{
    [LoggerMessage(3, LogLevel.Warning, "Socket {MemberId} could not join room {Group}: the bus is unavailable.")]
    public static partial void JoinFailed(ILogger logger, string memberId, string group, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "A message from socket {MemberId} to room {Group} was refused: the bus is unavailable.")]
    public static partial void SendFailed(ILogger logger, string memberId, string group, Exception exception);
}
