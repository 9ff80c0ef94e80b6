namespace BlazorChat.Sidebar;

internal static partial class RoomListLog
{
    [LoggerMessage(1, LogLevel.Warning, "The sidebar's rooms could not be read; it starts empty")]
    public static partial void LoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "The sidebar's rooms could not be saved; the next change saves them")]
    public static partial void SaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Unread messages in {Room} could not be counted from its history")]
    public static partial void CountingFailed(ILogger logger, string room, Exception exception);
}
