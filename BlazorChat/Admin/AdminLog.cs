namespace BlazorChat.Admin;

internal static partial class AdminLog
{
    [LoggerMessage(1, LogLevel.Warning, "A sign-in to the admin console failed.")]
    public static partial void SignInFailed(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "An administrator signed in to the admin console.")]
    public static partial void SignedIn(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "An administrator removed {Kind} {MemberId} ({Name}) from room {Group}: {Reason}")]
    public static partial void Kicked(ILogger logger, string kind, string memberId, string name, string group, string reason);

    // The text itself is what members say, so it stays below Information like theirs.
    [LoggerMessage(4, LogLevel.Information, "An administrator posted a system message to room {Group}.")]
    public static partial void Posted(ILogger logger, string group);

    [LoggerMessage(5, LogLevel.Debug, "System message to room {Group}: {Text}")]
    public static partial void PostedText(ILogger logger, string group, string text);

    [LoggerMessage(6, LogLevel.Debug, "A sign-in to the admin console was refused unchecked: too many attempts on this instance.")]
    public static partial void SignInThrottled(ILogger logger);

    [LoggerMessage(7, LogLevel.Information, "An administrator asked instance {Instance} to remove {Kind} {MemberId} ({Name}) from room {Group}: {Reason}")]
    public static partial void KickRequested(ILogger logger, string instance, string kind, string memberId, string name, string group, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Could not publish this instance's connections for the other consoles; retrying at the next change or beat.")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "An instance's list of connections could not be read; it is left out of the console.")]
    public static partial void MalformedSnapshot(ILogger logger, Exception exception);
}
