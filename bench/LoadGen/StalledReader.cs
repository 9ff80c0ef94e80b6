using System.Net.Sockets;
using System.Net.WebSockets;

/// <summary>
/// Scenario F's stalled reader: takes its welcome, then reads nothing until told to wake. The
/// server's outbound queue for it (1,024 messages) only starts to fill once the kernel buffers
/// between them are full, so it keeps those small as a peer across a real network would see
/// them (a small receive buffer, Ethernet-sized segments), and it asks for JSON envelopes,
/// about 2.5 times the bytes of a plain text, so the buffers take fewer messages. Even so they
/// hold about 700: the run must last long enough for the queue to overflow.
/// </summary>
sealed class StalledReader : IAsyncDisposable
{
    private const int ReceiveBufferBytes = 4096;

    // Linux's TCP_MAXSEG, at Ethernet's segment size. Loopback's 64 KB segments let the server's
    // kernel grow its send buffer for this socket to ~4 MB (a couple of minutes of room traffic);
    // a peer across a real network gets far less.
    private const int IpProtoTcp = 6;
    private const int TcpMaxSeg = 2;
    private const int EthernetMss = 1460;

    private readonly ClientWebSocket _socket = new();

    /// <summary>Texts it read after waking, before its connection ended.</summary>
    public int Received { get; private set; }

    /// <summary>How its connection ended: "1013" and the like for a close frame, or what happened instead.</summary>
    public string Ending { get; private set; } = "open";

    public static async Task<StalledReader> ConnectAsync(Uri server, string room)
    {
        var reader = new StalledReader();
        using var handler = new SocketsHttpHandler { ConnectCallback = ConnectSmallAsync };
        using var invoker = new HttpMessageInvoker(handler);
        await reader._socket.ConnectAsync(new Uri(server, $"ws/{room}/?name=stalled&format=json"), invoker, CancellationToken.None);
        await reader._socket.ReceiveAsync(new byte[8192].AsMemory(), CancellationToken.None);   // the welcome
        return reader;
    }

    /// <summary>Reads what the network held for it, then how the connection ended, within <paramref name="timeout"/>.</summary>
    public async Task ReadUntilClosedAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        Ending = await SocketEnding.ReadToEndAsync(_socket, (_, endOfMessage) =>
        {
            if (endOfMessage)
            {
                Received++;
            }
        }, deadline.Token);
    }

    // SO_RCVBUF has to be set before connecting for the TCP window to stay small.
    private static async ValueTask<Stream> ConnectSmallAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = ReceiveBufferBytes };
        socket.SetRawSocketOption(IpProtoTcp, TcpMaxSeg, BitConverter.GetBytes(EthernetMss));
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
