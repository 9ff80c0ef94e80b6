using BlazorChat.Rooms;
using System.Net.Sockets;
using System.Text;
using BlazorChat.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BlazorChat.Tests.Resilience;

/// <summary>
/// Thousands of random and malformed frames and handshakes thrown at the endpoint. After every
/// batch a well-behaved client must still be served and no member may be left behind. The seed
/// is printed, so a failure can be replayed.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int Batches = 12;
    private const int ConnectionsPerBatch = 40;

    [Fact]
    public async Task RandomAndMalformedInputNeverStopsTheServerNorLeavesAMember()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        await using var server = ChatServer.Start(new Dictionary<string, string?>
        {
            ["Limits:MaxConnectionsPerAddress"] = "0",
            ["Limits:JoinsPerMinute"] = "0",
            ["Limits:MessagesPerSecond"] = "0",
        });
        var bus = server.Get<IGroupBus>();
        int frames = 0;

        for (int batch = 0; batch < Batches; batch++)
        {
            var attacks = Enumerable.Range(0, ConnectionsPerBatch).Select(_ => random.Next()).Select(s => Task.Run(async () =>
            {
                try
                {
                    return await AttackAsync(server.BaseUri, new Random(s));
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    // The server hung up on us: the expected answer to much of this.
                    return 1;
                }
            }));
            frames += (await Task.WhenAll(attacks).WaitAsync(TimeSpan.FromMinutes(1))).Sum();

            await using (var client = await WsClient.ConnectAsync(server.WebSocketUri("ws/fuzz_probe/?name=probe")))
            {
                await client.SendTextAsync($"still served after batch {batch}");
                Assert.Equal($"still served after batch {batch}", await client.ReceiveTextAsync());
            }

            await Wait.ForConnectionsAsync(server.Get<LocalConnections>(), () => bus.CountLocalGroups() == 0, $"every member of batch {batch} was cleaned up (seed {seed})");
        }

        output.WriteLine($"{frames} frames and handshakes sent");
        Assert.True(frames > 2_000, $"only {frames} frames were sent");
    }

    /// <summary>One hostile connection; returns how many frames (or handshakes) it sent.</summary>
    private static async Task<int> AttackAsync(Uri baseUri, Random random)
    {
        await using var socket = await RawSocket.ConnectAsync(baseUri);
        switch (random.Next(10))
        {
            case 0:
                await socket.SendAsync(RandomBytes(random, random.Next(1, 4000)));
                return 1;
            case 1:
                var odd = new[] { "/ws/../", "/ws/%2e%2e/", "/ws/a%2Fb/", "/ws/%00/", "/ws/" + new string('n', 10_000) + "/",
                    "/ws/" + Uri.EscapeDataString(new string('é', 5_000)) + "/", "/ws//", "/ws/fuzz?format=json&since=-1", "/ws/fuzz/?name=" + new string('x', 10_000) };
                await socket.HandshakeAsync(odd[random.Next(odd.Length)]);
                return 1;
            case 2:
                await socket.HandshakeAsync("/ws/fuzz_big/", $"X-Filler: {new string('h', random.Next(10_000, 40_000))}\r\n");
                return 1;
        }

        bool json = random.Next(2) == 0;
        if (await socket.HandshakeAsync($"/ws/fuzz_{random.Next(3)}/{(json ? "?format=json" : "")}") != 101)
        {
            return 1;
        }

        int count = random.Next(5, 80);
        for (int i = 0; i < count; i++)
        {
            await SendHostileFrameAsync(socket, random, json);
        }

        return count + 1;
    }

    private static Task SendHostileFrameAsync(RawSocket socket, Random random, bool json) => random.Next(12) switch
    {
        0 => socket.SendFrameAsync(0x1, Encoding.UTF8.GetBytes($"hello {random.Next()}")),
        1 => socket.SendFrameAsync(0x1, RandomBytes(random, random.Next(1, 64))),                         // likely invalid UTF-8
        2 => socket.SendFrameAsync(0x1, Encoding.UTF8.GetBytes("part"), fin: false),                      // a fragment...
        3 => socket.SendFrameAsync(0x0, Encoding.UTF8.GetBytes("more"), fin: random.Next(2) == 0),         // ...and continuations, some orphaned
        4 => socket.SendFrameAsync(0x2, RandomBytes(random, 16)),                                          // binary
        5 => socket.SendFrameAsync((byte)random.Next(3, 8), RandomBytes(random, 8)),                       // reserved data opcodes
        6 => socket.SendFrameAsync((byte)random.Next(0x8, 0x10), RandomBytes(random, random.Next(0, 200))), // control frames, some too long
        7 => socket.SendFrameAsync(0x1, Encoding.UTF8.GetBytes("unmasked"), masked: false),
        8 => socket.SendFrameAsync(0x1, Encoding.UTF8.GetBytes("rsv"), reservedBits: 0x40),
        9 => socket.SendFrameAsync(0x1, RandomBytes(random, random.Next(4_000, 9_000))),                   // oversized
        10 when json => socket.SendFrameAsync(0x1, Encoding.UTF8.GetBytes(new string('[', 2_000) + new string(']', 2_000))),
        10 => socket.SendFrameAsync(0x1, Encoding.UTF8.GetBytes("<script>\u0000\u0007\u202e</script>")),
        _ when json => socket.SendFrameAsync(0x1, Encoding.UTF8.GetBytes("{\"text\": " + new string('{', random.Next(1, 500)))),
        _ => socket.SendFrameAsync(0x9, Encoding.UTF8.GetBytes("ping")),
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
