using BlazorChat.Rooms;

namespace BlazorChat.Chat;

/// <summary>Where a page sits and as whom: its room, the name it shows there, and the identity behind that name.</summary>
public sealed record SessionSeat(string Group, string Name, ChatIdentity Identity);
