namespace BlazorChat.Chat;

internal static partial class ChatSessionLog
{
    // The same shape as the sockets' lines (WebSocketLog), so one query finds every connection.
    [LoggerMessage(1, LogLevel.Information, "{Kind} {MemberId} ({Name}) joined room {Group}.")]
    public static partial void Joined(ILogger logger, string kind, string memberId, string name, string group);

    [LoggerMessage(2, LogLevel.Information, "{Kind} {MemberId} left room {Group}: {Reason}.")]
    public static partial void Left(ILogger logger, string kind, string memberId, string group, string reason);
}
