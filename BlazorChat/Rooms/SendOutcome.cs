namespace BlazorChat.Rooms;

/// <summary>What became of a message a member tried to send (<see cref="RoomConnection.SendAsync"/>).</summary>
public enum SendOutcome
{
    /// <summary>The bus took it: it reaches every member of the room.</summary>
    Sent,

    /// <summary>Over the rate limit: refused, and the member may send again shortly.</summary>
    RateLimited,

    /// <summary>Refused for the burst-th time in a row: the connection is closed as flooding.</summary>
    Flooding,

    /// <summary>The bus (Redis) could not take it; nobody received it.</summary>
    BusUnavailable,

    /// <summary>An edit or deletion of a message the room does not keep (or that is not a member's message).</summary>
    NoSuchMessage,

    /// <summary>An edit or deletion of someone else's message, by a member who does not moderate the room.</summary>
    NotAllowed,
}
