namespace BlazorChat.Rooms;

/// <summary>What became of a change to a room (<see cref="RoomAdmin"/>); each is one HTTP status in the API.</summary>
public enum RoomAdminOutcome
{
    /// <summary>Made, or already so (201 for a new room, else 204).</summary>
    Done,

    /// <summary>Not a room name (400).</summary>
    BadName,

    /// <summary>The room, or the user, is not there to change (404).</summary>
    NotFound,

    /// <summary>The caller's role in the room does not allow it (403).</summary>
    NotAllowed,

    /// <summary>The name is taken, or a bound would be passed (409).</summary>
    Conflict,

    /// <summary>Saved, but the bus could not tell the other instances (503): they see it within <see cref="RoomAccess.CacheTime"/>.</summary>
    Unannounced,
}
