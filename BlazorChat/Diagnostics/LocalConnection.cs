namespace BlazorChat.Diagnostics;

/// <summary>A socket or a page in a room on this instance, as operators see it.</summary>
public interface ILocalConnection
{
    string Id { get; }

    /// <summary><c>socket</c> or <c>browser</c>.</summary>
    string Kind { get; }

    string Name { get; }

    string Group { get; }

    DateTimeOffset ConnectedAt { get; }

    /// <summary>
    /// Removes the connection from its room: a socket is closed with 1008 and the reason, a page
    /// shows the reason and may connect again.
    /// </summary>
    void Kick(string reason);
}
