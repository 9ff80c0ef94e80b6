using System.Net.WebSockets;
using BlazorChat.Bus;

namespace BlazorChat.WebSockets;

/// <summary>The close frame a socket gets for each way of ending (RFC 6455 status codes).</summary>
internal static class CloseReasons
{
    public static (WebSocketCloseStatus Status, string Description) For(DisconnectReason reason, int maxMessageBytes) => reason switch
    {
        DisconnectReason.ClientClosed or DisconnectReason.ConnectionLost => (WebSocketCloseStatus.NormalClosure, "bye"),
        DisconnectReason.ProtocolError => (WebSocketCloseStatus.ProtocolError, "protocol error"),
        DisconnectReason.SlowConsumer => ((WebSocketCloseStatus)1013, "too slow: the outbound queue is full; read faster or reconnect"),
        DisconnectReason.MessageTooBig => (WebSocketCloseStatus.MessageTooBig, $"message over {maxMessageBytes} bytes"),
        DisconnectReason.BinaryMessage => (WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported; send text"),
        DisconnectReason.InvalidText => (WebSocketCloseStatus.InvalidPayloadData, "text is not valid UTF-8"),
        DisconnectReason.Flooding => (WebSocketCloseStatus.PolicyViolation, "flooding: too many messages past the rate limit"),
        DisconnectReason.ServerStopping => (WebSocketCloseStatus.EndpointUnavailable, "server stopping"),
        DisconnectReason.BusUnavailable => (WebSocketCloseStatus.InternalServerError, "chat bus unavailable; try again later"),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
