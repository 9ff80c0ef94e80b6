namespace BlazorChat.Data;

/// <summary>
/// A room someone created through <c>POST /api/rooms</c>. Open rooms need no row: a room without
/// one is open to all, as every room was before accounts.
/// </summary>
public sealed class RoomRecord
{
    public required string Name { get; set; }

    public bool IsPrivate { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<RoomMemberRecord> Members { get; set; } = [];

    public List<RoomBanRecord> Bans { get; set; } = [];
}
