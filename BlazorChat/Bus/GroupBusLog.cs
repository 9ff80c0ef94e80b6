namespace BlazorChat.Bus;

internal static partial class GroupBusLog
{
    [LoggerMessage(1, LogLevel.Warning, "Member {MemberId} failed to take a message; the rest of the group was served.")]
    public static partial void MemberFailed(ILogger logger, string memberId, Exception exception);
}
