using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Chat;

/// <summary>How much of each room is kept (<c>History</c> section).</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "History";

    /// <summary>Messages kept per room (on Redis, the stream's approximate MAXLEN).</summary>
    [Range(1, 1_000_000, ErrorMessage = "History:Length must be between 1 and 1000000.")]
    public int Length { get; set; } = 1000;


    /// <summary>Messages shown when a page joins a room.</summary>
    [Range(0, 1000, ErrorMessage = "History:OnJoin must be between 0 and 1000.")]
    public int OnJoin { get; set; } = 50;
}
