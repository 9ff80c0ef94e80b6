using BlazorChat.Rooms;
using System.Net.WebSockets;
using BlazorChat.Bus;
using BlazorChat.Presence;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace BlazorChat.Tests.Resilience;

/// <summary>
/// A test-sized soak on Redis: 500 clients joining, sending and leaving for 30 s. Every message
/// must be accounted for, and nothing may be left behind.
/// </summary>
[Requires(RedisServer.Executable)]
public sealed class SoakTests(RedisProvider redis, ITestOutputHelper output) : IClassFixture<RedisProvider>
{
    private const int Clients = 500;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    [ServerFact]
    public async Task FiveHundredClientsComeTalkAndGoAndEveryMessageIsAccountedFor()
    {
        var server = await redis.GetServerAsync();
        var prefix = TestServices.UniquePrefix();
        await using var app = ChatServer.StartOnRedis(server, prefix, new Dictionary<string, string?> { ["Limits:MaxConnectionsPerAddress"] = "0", ["Limits:JoinsPerMinute"] = "0" });
        var deadline = DateTime.UtcNow + Duration;
        var tally = new Tally();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(() => ClientAsync(app, i, deadline, tally))))
            .WaitAsync(Duration + TimeSpan.FromMinutes(2));

        output.WriteLine($"sessions {tally.Sessions}, sent {tally.Sent}, delivered back {tally.Echoed}, refused {tally.Refused}");
        Assert.True(tally.Sessions >= Clients, $"only {tally.Sessions} sessions");
        Assert.Equal(tally.Sent, tally.Echoed + tally.Refused);

        var bus = app.Get<IGroupBus>();
        await Wait.ForConnectionsAsync(app.Get<LocalConnections>(), () => bus.CountLocalGroups() == 0, "no member is left in any room");
        await using var probe = await server.ConnectAsync();
        Assert.Equal(0, await probe.CountRoomChannelsAsync(prefix));
        await Wait.UntilAsync(async () => (await app.Get<RoomPresence>().RoomsAsync()).Count == 0, "presence lists no room");
    }

    /// <summary>Joins a random room, says a few things, waits to hear each back (or its refusal), leaves; again until the deadline.</summary>
    private static async Task ClientAsync(ChatServer app, int client, DateTime deadline, Tally tally)
    {
        var random = new Random(client);
        int seq = 0;
        while (DateTime.UtcNow < deadline)
        {
            await using var socket = await WsClient.ConnectAsync(app.WebSocketUri($"ws/soak_{random.Next(20)}/?name=c{client}"));
            Interlocked.Increment(ref tally.Sessions);
            for (int n = random.Next(1, 5); n > 0; n--)
            {
                var text = $"c{client}:{seq++}";
                await socket.SendTextAsync(text);
                Interlocked.Increment(ref tally.Sent);
                while (true)
                {
                    var received = await socket.ReceiveTextAsync();
                    if (received == text)
                    {
                        Interlocked.Increment(ref tally.Echoed);
                        break;
                    }

                    if (received.StartsWith("[error]"))
                    {
                        Interlocked.Increment(ref tally.Refused);
                        break;
                    }
                }
            }

            if (random.Next(2) == 0)
            {
                await socket.SendTextAsync("/close");
                await socket.ReceiveUntilCloseAsync();
            }
            else
            {
                socket.Socket.Abort();
            }

            await Task.Delay(random.Next(50, 400));
        }
    }

    private sealed class Tally
    {
        public int Sessions;
        public int Sent;
        public int Echoed;
        public int Refused;
    }
}
