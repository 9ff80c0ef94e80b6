namespace BlazorChat.Data;

/// <summary>A user's place in a room: invited (or its creator), with a role.</summary>
public sealed class RoomMemberRecord
{
    public required string Room { get; set; }

    public required string UserId { get; set; }

    public RoomRole Role { get; set; }

    public ChatUser? User { get; set; }
}
