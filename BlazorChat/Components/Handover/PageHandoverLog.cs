namespace BlazorChat.Components.Handover;

internal static partial class PageHandoverLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Stopping: handing {Pages} open pages over to another instance")]
    public static partial void HandingOver(ILogger logger, int pages);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Every one of the {Pages} pages has left this instance")]
    public static partial void HandedOver(ILogger logger, int pages);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Pages} pages were still here after {Seconds} s of handing over; the stop drops them")]
    public static partial void PagesLeft(ILogger logger, int pages, double seconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "A page could not be asked to move")]
    public static partial void NotAsked(ILogger logger, Exception exception);
}
