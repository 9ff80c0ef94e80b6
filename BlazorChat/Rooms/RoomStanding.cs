using BlazorChat.Data;

namespace BlazorChat.Rooms;

/// <summary>
/// Where one identity stands in one room (<see cref="RoomAccess"/>): whether the room is private,
/// the identity's role when it is a member, and whether it is banned.
/// </summary>
public sealed record RoomStanding(bool IsPrivate, RoomRole? Role, bool Banned)
{
    /// <summary>A ban keeps anyone out, even of an open room; a private room lets in its members only.</summary>
    public bool MayEnter => !Banned && (!IsPrivate || Role is not null);
}
