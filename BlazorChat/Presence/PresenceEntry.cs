using BlazorChat.Rooms;

namespace BlazorChat.Presence;

/// <summary>One connection in a room: a browser tab or a socket, on some instance.</summary>
public sealed record PresenceEntry(string MemberId, string Name, ConnectionKind Kind, DateTimeOffset Since);

/// <summary>Who is in a room as people see it: one row per name and kind, with how many connections it has.</summary>
public sealed record RoomMember(string Name, ConnectionKind Kind, DateTimeOffset Since, int Connections);

/// <summary>A room that has members, and how many connections are in it.</summary>
public sealed record RoomSummary(string Group, int Members);
