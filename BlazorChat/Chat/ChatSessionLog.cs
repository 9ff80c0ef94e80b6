using BlazorChat.Bus;

namespace BlazorChat.Chat;

internal static partial class ChatSessionLog
{
    [LoggerMessage(1, LogLevel.Information, "Page {SessionId} ({Name}) joined room {Group}.")]
    public static partial void Joined(ILogger logger, string sessionId, string name, string group);

    [LoggerMessage(2, LogLevel.Information, "Page {SessionId} left room {Group}: {Reason}.")]
    public static partial void Left(ILogger logger, string sessionId, string group, DisconnectReason reason);
}
