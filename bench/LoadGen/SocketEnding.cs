using System.Net.WebSockets;

/// <summary>Reads a socket to its end and says how it ended, in the words bench/report.py reads.</summary>
static class SocketEnding
{
    public const string CutWithoutCloseFrame = "cut without a close frame";
    public const string StillOpen = "still open";

    /// <summary>
    /// Hands each frame to <paramref name="onFrame"/> until the connection ends; returns the close
    /// status ("1008" and the like), or what happened instead.
    /// </summary>
    public static async Task<string> ReadToEndAsync(ClientWebSocket socket, Action<ReadOnlyMemory<byte>, bool> onFrame, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var frame = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    return ((int?)socket.CloseStatus)?.ToString() ?? "close frame without status";
                }

                onFrame(buffer.AsMemory(0, frame.Count), frame.EndOfMessage);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return StillOpen;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            return CutWithoutCloseFrame;
        }
    }
}
