namespace BlazorChat.WebSockets;

internal static partial class WebSocketLog
{
    [LoggerMessage(1, LogLevel.Information, "Socket {MemberId} ({Name}) joined room {Group}.")]
    public static partial void Opened(ILogger logger, string memberId, string name, string group);

    [LoggerMessage(2, LogLevel.Information, "Socket {MemberId} left room {Group}: {Reason}.")]
    public static partial void Closed(ILogger logger, string memberId, string group, Bus.DisconnectReason reason);

    [LoggerMessage(3, LogLevel.Warning, "Socket {MemberId} could not join room {Group}: the bus is unavailable.")]
    public static partial void JoinFailed(ILogger logger, string memberId, string group, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "A message from socket {MemberId} to room {Group} was refused: the bus is unavailable.")]
    public static partial void SendFailed(ILogger logger, string memberId, string group, Exception exception);
}
