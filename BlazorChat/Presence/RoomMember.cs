using BlazorChat.Rooms;

namespace BlazorChat.Presence;

/// <summary>Who is in a room as people see it: one row per name and kind, with how many connections it has.</summary>
public sealed record RoomMember(string Name, ConnectionKind Kind, DateTimeOffset Since, int Connections);
