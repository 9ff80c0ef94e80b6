using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using BlazorChat.Bus;

namespace BlazorChat.WebSockets;

/// <summary>Reads a socket's frames as the protocol has them: whole text messages, within the size limit.</summary>
internal static class SocketFrames
{
    // Throws on invalid UTF-8 instead of substituting U+FFFD, so bad text is refused, not altered.
    // Kestrel's sockets validate text frames before this sees them; this keeps the rule whatever
    // WebSocket implementation is underneath.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the next message as text, or the reason the connection must end instead.</summary>
    public static async Task<(DisconnectReason? Ending, string Text)> ReadTextAsync(WebSocket socket, int maxMessageBytes, CancellationToken aborted)
    {
        // An idle socket holds no buffer: a zero-byte read waits for the next frame, and a buffer
        // is rented only to read it (thousands of quiet clients then cost kilobytes less each).
        var next = await socket.ReceiveAsync(Memory<byte>.Empty, aborted);
        switch (next.MessageType)
        {
            case WebSocketMessageType.Close:
                return (DisconnectReason.ClientClosed, "");
            case WebSocketMessageType.Binary:
                return (DisconnectReason.BinaryMessage, "");
            case WebSocketMessageType.Text when next.EndOfMessage:
                // An empty frame: the zero-byte read took all of it.
                return (null, "");
        }

        // One byte more than the limit: reading it is how an oversized message is noticed
        // without reading any further.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(maxMessageBytes + 1);
        try
        {
            var window = buffer.AsMemory(0, maxMessageBytes + 1);
            int length = 0;
            ValueWebSocketReceiveResult frame;
            do
            {
                frame = await socket.ReceiveAsync(window[length..], aborted);
                switch (frame.MessageType)
                {
                    case WebSocketMessageType.Close:
                        return (DisconnectReason.ClientClosed, "");
                    case WebSocketMessageType.Binary:
                        return (DisconnectReason.BinaryMessage, "");
                }

                length += frame.Count;
                if (length > maxMessageBytes)
                {
                    return (DisconnectReason.MessageTooBig, "");
                }
            }
            while (!frame.EndOfMessage);

            return (null, StrictUtf8.GetString(buffer, 0, length));
        }
        catch (DecoderFallbackException)
        {
            return (DisconnectReason.InvalidText, "");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>After our close frame, reads (and ignores) until the client's, within the close deadline.</summary>
    public static async Task AwaitClientCloseAsync(WebSocket socket, CancellationToken aborted)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            while ((await socket.ReceiveAsync(buffer.AsMemory(), aborted)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away without answering; the connection is over either way.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
