namespace BlazorChat.Data;

/// <summary>A room in an account's sidebar, the same on every device: the newest message read there, and when it was last opened.</summary>
public sealed class UserRoomRecord
{
    public required string UserId { get; set; }

    public required string Room { get; set; }

    /// <summary>The id of the newest message the account read in the room ("0" for none).</summary>
    public required string LastRead { get; set; }

    public DateTime OpenedUtc { get; set; }

    public ChatUser? User { get; set; }
}
