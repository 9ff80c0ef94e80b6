using System.Net.WebSockets;
using System.Text;
using BlazorChat.Bus;

namespace BlazorChat.WebSockets;

/// <summary>The close frame a socket gets for each way of ending (RFC 6455 status codes).</summary>
internal static class CloseReasons
{
    /// <summary>RFC 6455 leaves 123 bytes of a close frame for its reason.</summary>
    public const int MaxDescriptionBytes = 123;

    public static (WebSocketCloseStatus Status, string Description) For(DisconnectReason reason, int maxMessageBytes, string? kickReason = null) => reason switch
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
        DisconnectReason.Kicked => (WebSocketCloseStatus.PolicyViolation, Fit($"removed by an administrator: {kickReason}")),
        DisconnectReason.Revoked => (WebSocketCloseStatus.PolicyViolation, Fit($"access ended: {kickReason}")),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    // Cuts at a character boundary, so the frame stays valid UTF-8.
    private static string Fit(string description)
    {
        if (Encoding.UTF8.GetByteCount(description) <= MaxDescriptionBytes)
        {
            return description;
        }

        var runes = description.EnumerateRunes().ToList();
        while (runes.Sum(rune => rune.Utf8SequenceLength) > MaxDescriptionBytes)
        {
            runes.RemoveAt(runes.Count - 1);
        }

        return string.Concat(runes.Select(rune => rune.ToString()));
    }
}
