namespace BlazorChat.WebSockets;

internal static partial class WebSocketLog
{
    // One line as each connection opens and one as it closes, with its room, kind and reason;
    // never what anyone wrote.
    [LoggerMessage(1, LogLevel.Information, "{Kind} {MemberId} ({Name}) joined room {Group}.")]
    public static partial void Opened(ILogger logger, string kind, string memberId, string name, string group);

    [LoggerMessage(2, LogLevel.Information, "{Kind} {MemberId} left room {Group}: {Reason}.")]
    public static partial void Closed(ILogger logger, string kind, string memberId, string group, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Socket {MemberId} could not join room {Group}: the bus is unavailable.")]
    public static partial void JoinFailed(ILogger logger, string memberId, string group, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "A message from socket {MemberId} to room {Group} was refused: the bus is unavailable.")]
    public static partial void SendFailed(ILogger logger, string memberId, string group, Exception exception);
}
