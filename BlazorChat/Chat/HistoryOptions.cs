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

    /// <summary>
    /// A room with no message for this long (and, on the memory bus, no member here) is forgotten:
    /// its history is dropped from memory, or its Redis stream expires.
    /// </summary>
    [Range(10, 31_536_000, ErrorMessage = "History:IdleRoomTtlSeconds must be between 10 and 31536000 (a year).")]
    public int IdleRoomTtlSeconds { get; set; } = 86_400;

    /// <summary>
    /// Rooms whose history the memory bus keeps at most; past it, the room idle longest (with no
    /// member here) is forgotten first.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "History:MaxRooms must be between 1 and 10000000.")]
    public int MaxRooms { get; set; } = 10_000;

    /// <summary>
    /// How long a room remembers a message's client key (<see cref="SendKey"/>), so that a retry
    /// with the same key is delivered once. The memory bus also remembers at most
    /// <see cref="Length"/> keys per room, the oldest dropped first.
    /// </summary>
    [Range(1, 86_400, ErrorMessage = "History:SendKeyTtlSeconds must be between 1 and 86400.")]
    public int SendKeyTtlSeconds { get; set; } = 120;

    public TimeSpan IdleRoomTtl => TimeSpan.FromSeconds(IdleRoomTtlSeconds);
}
