namespace BlazorChat.Bus;

/// <summary>Why a member stopped being one. Every disconnect has one, and each is counted.</summary>
public enum DisconnectReason
{
    /// <summary>The client closed the connection or asked to (a close frame, <c>/close</c>, a closed tab).</summary>
    ClientClosed,

    /// <summary>The connection dropped without a goodbye.</summary>
    ConnectionLost,

    /// <summary>The member's outbound queue was full: it read too slowly to keep up with its room.</summary>
    SlowConsumer,

    /// <summary>A message was larger than <c>Limits:MaxMessageBytes</c>.</summary>
    MessageTooBig,

    /// <summary>A binary frame, which the protocol does not carry.</summary>
    BinaryMessage,

    /// <summary>A text frame that was not valid UTF-8.</summary>
    InvalidText,

    /// <summary>Frames that broke the WebSocket protocol, found by the socket itself, which closed with 1007 or 1002.</summary>
    ProtocolError,

    /// <summary>The client kept sending past its rate limit.</summary>
    Flooding,

    /// <summary>The server is shutting down.</summary>
    ServerStopping,

    /// <summary>The bus could not take the member into its room.</summary>
    BusUnavailable,

    /// <summary>An administrator removed the member from its room.</summary>
    Kicked,

    /// <summary>The member may no longer be there: banned from the room, or its access token revoked.</summary>
    Revoked,
}
