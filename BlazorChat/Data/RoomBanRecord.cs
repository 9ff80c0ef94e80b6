namespace BlazorChat.Data;

/// <summary>A user kept out of a room by its owner or a moderator, whatever their membership.</summary>
public sealed class RoomBanRecord
{
    public required string Room { get; set; }

    public required string UserId { get; set; }

    public required string BannedBy { get; set; }

    public DateTime BannedUtc { get; set; }

    public ChatUser? User { get; set; }
}
