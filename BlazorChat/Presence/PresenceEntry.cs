using BlazorChat.Rooms;

namespace BlazorChat.Presence;

/// <summary>One connection in a room: a browser tab or a socket, on some instance.</summary>
public sealed record PresenceEntry(string MemberId, string Name, ConnectionKind Kind, DateTimeOffset Since);
