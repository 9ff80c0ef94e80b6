using BlazorChat.Rooms;

namespace BlazorChat.Admin;

/// <summary>One socket or page in a room, as the admin console lists it, whichever instance holds it.</summary>
public sealed record ListedConnection(string Id, string Name, ConnectionKind Kind, string Group, DateTimeOffset ConnectedAt)
{
    public static ListedConnection Of(RoomConnection connection) =>
        new(connection.Id, connection.Name, connection.Kind, connection.Group, connection.ConnectedAt);
}
