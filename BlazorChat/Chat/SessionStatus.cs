namespace BlazorChat.Chat;

/// <summary>Where a browser tab's <see cref="ChatSession"/> stands with its room.</summary>
public enum SessionStatus
{
    /// <summary>Not in a room: never joined, or left by choice.</summary>
    Disconnected,

    Connecting,

    Connected,

    /// <summary>In the room, but the bus cannot carry messages right now (Redis is unreachable).</summary>
    BusDown,

    /// <summary>Put out of the room by the server (too slow, or the server stopping); connecting again is allowed.</summary>
    Dropped,
}
