namespace BlazorChat.Bus;

internal static partial class GroupBusLog
{
    // Written under each bus's own category, beside the bus's own lines: numbered apart from them.
    [LoggerMessage(100, LogLevel.Warning, "Member {MemberId} failed to take a message; the rest of the group was served.")]
    public static partial void MemberFailed(ILogger logger, string memberId, Exception exception);
}
