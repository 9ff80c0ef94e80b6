namespace BlazorChat.Rooms;

/// <summary>What sits at the other end of a room connection. Its label (<see cref="Labels"/>) is what metrics, logs, the API and the pages show.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(LabelJsonConverter<ConnectionKind>))]
public enum ConnectionKind
{
    /// <summary>A browser tab's room page (<c>browser</c>).</summary>
    Browser,

    /// <summary>A raw WebSocket at <c>/ws/{room}/</c> (<c>socket</c>).</summary>
    Socket,
}
