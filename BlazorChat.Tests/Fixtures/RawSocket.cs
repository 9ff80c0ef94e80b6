using System.Net.Sockets;
using System.Text;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A WebSocket client that writes its own bytes: any handshake, any frame, however malformed,
/// for throwing at the server what no well-behaved client library would send.
/// </summary>
public sealed class RawSocket : IAsyncDisposable
{
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private NetworkStream _stream = null!;

    public static async Task<RawSocket> ConnectAsync(Uri server)
    {
        var socket = new RawSocket();
        await socket._tcp.ConnectAsync(server.Host, server.Port);
        socket._stream = socket._tcp.GetStream();
        return socket;
    }

    /// <summary>Sends an upgrade request for <paramref name="pathAndQuery"/> (sent as is) and reads the status line.</summary>
    public async Task<int> HandshakeAsync(string pathAndQuery, string extraHeaders = "")
    {
        await SendAsync(Encoding.ASCII.GetBytes(
            $"GET {pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{extraHeaders}\r\n"));
        var head = await ReadHeadAsync();
        return head.Length > 12 && int.TryParse(head.AsSpan(9, 3), out var status) ? status : 0;
    }

    /// <summary>Writes one frame; the client's mask is applied unless <paramref name="masked"/> is false.</summary>
    public Task SendFrameAsync(byte opcode, ReadOnlySpan<byte> payload, bool fin = true, bool masked = true, byte reservedBits = 0)
    {
        var frame = new List<byte>(payload.Length + 14) { (byte)((fin ? 0x80 : 0) | (reservedBits & 0x70) | (opcode & 0x0F)) };
        byte maskBit = masked ? (byte)0x80 : (byte)0;
        if (payload.Length < 126)
        {
            frame.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame.Add((byte)(maskBit | 126));
            frame.Add((byte)(payload.Length >> 8));
            frame.Add((byte)payload.Length);
        }
        else
        {
            frame.Add((byte)(maskBit | 127));
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                frame.Add((byte)((long)payload.Length >> shift));
            }
        }

        byte[] mask = [0x37, 0xfa, 0x21, 0x3d];
        if (masked)
        {
            frame.AddRange(mask);
        }

        for (int i = 0; i < payload.Length; i++)
        {
            frame.Add(masked ? (byte)(payload[i] ^ mask[i % 4]) : payload[i]);
        }

        return SendAsync([.. frame]);
    }

    public async Task SendAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _stream.WriteAsync(bytes, timeout.Token);
    }

    private async Task<string> ReadHeadAsync()
    {
        var head = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!head.ToString().EndsWith("\r\n\r\n") && await _stream.ReadAsync(one, timeout.Token) == 1)
        {
            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    /// <summary>Drops the connection without a close frame.</summary>
    public ValueTask DisposeAsync()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
