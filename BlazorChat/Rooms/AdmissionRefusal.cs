namespace BlazorChat.Rooms;

/// <summary>Why someone may not come into a room; each is one HTTP status before a socket's upgrade.</summary>
public enum AdmissionRefusal
{
    /// <summary>The name asked for is not a display name (400).</summary>
    BadName,

    /// <summary>Only signed-in members may come in (401): guests are refused, or the room is private.</summary>
    SignInRequired,

    /// <summary>Signed in, but not a member of the private room, or banned from it (403).</summary>
    Forbidden,

    /// <summary>A guest asked for a name that an account holds (409).</summary>
    NameTaken,

    /// <summary>The database that knows accounts and rooms cannot be reached (503).</summary>
    Unavailable,
}
