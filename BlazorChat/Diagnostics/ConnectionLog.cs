namespace BlazorChat.Diagnostics;

/// <summary>
/// One line as each connection, socket or page, joins its room and one as it leaves, with its
/// kind and the reason; the same shape for both kinds, so one query finds every connection.
/// Never what anyone wrote.
/// </summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(1, LogLevel.Information, "{Kind} {MemberId} ({Name}) joined room {Group}.")]
    public static partial void Joined(ILogger logger, string kind, string memberId, string name, string group);

    [LoggerMessage(2, LogLevel.Information, "{Kind} {MemberId} left room {Group}: {Reason}.")]
    public static partial void Left(ILogger logger, string kind, string memberId, string group, string reason);

    [LoggerMessage(3, LogLevel.Warning, "{Kind} {MemberId} could not join room {Group}: the bus is unavailable.")]
    public static partial void JoinFailed(ILogger logger, string kind, string memberId, string group, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "A message from {Kind} {MemberId} to room {Group} was refused: the bus is unavailable.")]
    public static partial void SendFailed(ILogger logger, string kind, string memberId, string group, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "A typing signal from {Kind} {MemberId} to room {Group} was lost: the bus is unavailable.")]
    public static partial void TypingLost(ILogger logger, string kind, string memberId, string group, Exception exception);
}
