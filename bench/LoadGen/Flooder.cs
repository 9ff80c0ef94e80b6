using System.Net.WebSockets;
using System.Text;

/// <summary>
/// Scenario F's flooder: sends as fast as its connection takes texts, never waiting for anything,
/// while it reads what the server says back (refusal notices, its close) on the side.
/// </summary>
sealed class Flooder : IAsyncDisposable
{
    public const string Prefix = "flood:";
    private const string RefusalNotice = "[error] not sent";

    private readonly ClientWebSocket _socket = new();

    public int Sent { get; private set; }

    public int RefusedNotices { get; private set; }

    /// <summary>How its connection ended: "1008" and the like for a close frame, or what happened instead.</summary>
    public string Ending { get; private set; } = "open";

    public static async Task<Flooder> ConnectAsync(Uri server, string room)
    {
        var flooder = new Flooder();
        await flooder._socket.ConnectAsync(new Uri(server, $"ws/{room}/?name=flooder"), CancellationToken.None);
        await flooder._socket.ReceiveAsync(new byte[8192].AsMemory(), CancellationToken.None);   // the welcome
        return flooder;
    }

    public async Task RunAsync(TimeSpan startAfter)
    {
        await Task.Delay(startAfter);
        var reading = ReadAsync();

        // A server that neither closes nor reads would hold the sends for ever; cancelling one
        // after this long aborts the socket.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (!reading.IsCompleted)
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes($"{Prefix}{Sent}"), WebSocketMessageType.Text, true, deadline.Token);
                Sent++;
            }

            if (_socket.State == WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", deadline.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The server let it go; ReadAsync says how.
        }

        await reading.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task ReadAsync()
    {
        var notice = Encoding.UTF8.GetBytes(RefusalNotice);
        Ending = await SocketEnding.ReadToEndAsync(_socket, (frame, _) =>
        {
            if (frame.Span.StartsWith(notice))
            {
                RefusedNotices++;
            }
        }, CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
