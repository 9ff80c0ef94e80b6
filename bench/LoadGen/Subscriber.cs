using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;

/// <summary>
/// A room member that only reads: it checks each publisher's texts for loss, duplicates and
/// order, and takes their latency, until it has the messages it expects or the server closes it.
/// </summary>
sealed class Subscriber : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, long> _lastSeq = [];

    private Subscriber(string room, int expected)
    {
        Room = room;
        Expected = expected;
    }

    public string Room { get; }

    public int Expected { get; }

    public int Delivered { get; private set; }

    public int Duplicated { get; private set; }

    public int OutOfOrder { get; private set; }

    /// <summary>Texts of scenario F's flooder that reached this member.</summary>
    public int FloodDelivered { get; private set; }

    /// <summary>Set when the server closed this member before it had everything.</summary>
    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public long LastDelivery { get; private set; }

    public List<double> Latencies { get; } = [];

    /// <summary>Each delivery's message and when it was sent and read, for the split at a <see cref="RedisTap"/>.</summary>
    public List<(int Publisher, long Seq, long Sent, long Received)> Arrivals { get; } = [];

    public static async Task<Subscriber> ConnectAsync(Uri server, string room, int expected, string? forwardedFor = null)
    {
        var subscriber = new Subscriber(room, expected);
        ClientAddresses.Apply(subscriber._socket, forwardedFor);
        await subscriber._socket.ConnectAsync(new Uri(server, $"ws/{room}/"), CancellationToken.None);
        await subscriber.ReceiveOneAsync(new byte[8192]);   // the welcome
        return subscriber;
    }

    public async Task ReceiveAsync()
    {
        var buffer = new byte[8192];
        while (Delivered + Duplicated < Expected)
        {
            var text = await ReceiveOneAsync(buffer);
            if (text is null)
            {
                return;
            }

            long now = Stopwatch.GetTimestamp();
            if (text.StartsWith(Flooder.Prefix, StringComparison.Ordinal))
            {
                FloodDelivered++;
                continue;
            }

            var parts = text.Split(':', 4);
            if (parts.Length < 4 || !int.TryParse(parts[0], out int publisher))
            {
                continue;
            }

            long seq = long.Parse(parts[1], CultureInfo.InvariantCulture);
            long sent = long.Parse(parts[2], CultureInfo.InvariantCulture);
            long last = _lastSeq.GetValueOrDefault(publisher, -1);
            if (seq <= last)
            {
                Duplicated++;
                continue;
            }

            if (seq != last + 1)
            {
                OutOfOrder++;
            }

            _lastSeq[publisher] = seq;
            Delivered++;
            LastDelivery = now;
            Latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            Arrivals.Add((publisher, seq, sent, now));
        }
    }

    /// <summary>Keeps a receive pending, as a live client does, so the server's keep-alive pings are answered.</summary>
    public async Task ListenAsync()
    {
        var buffer = new byte[8192];
        try
        {
            while (await ReceiveOneAsync(buffer) is not null)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Disposed at the end of the run.
        }
    }

    /// <summary>The next text, or null once the server has closed the connection.</summary>
    private async Task<string?> ReceiveOneAsync(byte[] buffer)
    {
        int length = 0;
        ValueWebSocketReceiveResult frame;
        do
        {
            frame = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            if (frame.MessageType == WebSocketMessageType.Close)
            {
                CloseStatus = _socket.CloseStatus;
                return null;
            }

            length += frame.Count;
        }
        while (!frame.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
