using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using BlazorChat.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace BlazorChat.Tests.Resilience;

/// <summary>
/// Bench G at test size: an attacker tries everything at once while a room carries on (sockets
/// that never read from one address, rooms in turn from two more, a flood, the API's largest
/// page), and the room gets every message, the attacker is held to its limits, and the rooms it
/// made are forgotten once idle.
/// </summary>
public abstract class AbuseTests(IChatProvider provider) : ProviderTests(provider)
{
    private const string Attacker = "203.0.113.66";
    private const int Members = 20;
    private const int MessagesEach = 30;

    // The app's clock is a fake: the rate limits never refill and the idle time passes when the test says.
    protected readonly FakeTimeProvider Time = new();

    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["Limits:MaxConnectionsPerAddress"] = "5",
        ["Limits:MaxCircuitsPerAddress"] = "2",
        ["Limits:JoinsPerMinute"] = "40",
        ["History:IdleRoomTtlSeconds"] = "60",
    };

    [ServerFact]
    public async Task OneAddressTryingEverythingLeavesTheRoomWholeIsHeldToItsLimitsAndLeavesNothingBehind()
    {
        await using var server = await StartServerAsync(Limits, services => services.AddSingleton<TimeProvider>(Time));
        var room = server.WebSocketUri("ws/busy/");
        var members = new List<WsClient>();
        for (int i = 0; i < Members; i++)
        {
            members.Add(await WsClient.ConnectAsync(room, forwardedFor: $"198.18.0.{i + 1}"));
        }

        // The attacker: sockets that never read, as many as it may open; rooms in turn, one line
        // each; a flood; the API's largest page; pages. Each refusal is counted.
        var held = new List<WsClient>();
        int refused = 0;
        for (int i = 0; i < 10; i++)
        {
            try
            {
                held.Add(await WsClient.ConnectAsync(room, forwardedFor: Attacker));
            }
            catch (WebSocketException)
            {
                refused++;
            }
        }

        for (int n = 0; n < 50; n++)
        {
            try
            {
                await using var hopper = await WsClient.ConnectAsync(server.WebSocketUri($"ws/junk{n}/"), forwardedFor: $"203.0.113.{100 + n % 2}");
                await hopper.SendTextAsync("here");
            }
            catch (WebSocketException)
            {
                refused++;
            }
        }

        await using var flooder = await WsClient.ConnectAsync(server.WebSocketUri("ws/junkflood/"), forwardedFor: "203.0.113.200");
        for (int i = 0; i < 100 && flooder.Socket.State == WebSocketState.Open; i++)
        {
            await flooder.SendTextAsync($"flood {i}");
        }

        using var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", Attacker);
        var largest = await http.GetAsync("/api/rooms/busy/messages?limit=100000");

        // Meanwhile the room talks: two members, thirty messages each, within their rate limit.
        for (int i = 0; i < MessagesEach; i++)
        {
            await members[0].SendTextAsync($"a {i}");
            await members[1].SendTextAsync($"b {i}");
        }

        foreach (var member in members)
        {
            var said = (await member.ReceiveTextsAsync(2 * MessagesEach)).ToList();
            Assert.Equal(Enumerable.Range(0, MessagesEach).Select(i => $"a {i}"), said.Where(t => t.StartsWith("a ")));
            Assert.Equal(Enumerable.Range(0, MessagesEach).Select(i => $"b {i}"), said.Where(t => t.StartsWith("b ")));
        }

        Assert.Equal(5, held.Count);
        // Ten joins at once per address, six more each ten seconds: most of the 50 rooms were refused.
        Assert.True(refused >= 20, $"only {refused} of the attacker's attempts were refused");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await flooder.ReceiveUntilCloseAsync()).Status);
        Assert.Equal(HttpStatusCode.BadRequest, largest.StatusCode);

        foreach (var client in held)
        {
            client.Socket.Abort();
            await client.DisposeAsync();
        }

        // The attacker's rooms are forgotten once idle; the busy room, with members here, is not.
        await ExpectForgottenAsync(server, busy: "busy", junk: [.. Enumerable.Range(0, 50).Select(n => $"junk{n}"), "junkflood"]);
        foreach (var member in members)
        {
            await member.DisposeAsync();
        }
    }

    /// <summary>Lets the idle time pass and checks that the junk rooms' history is gone or going.</summary>
    protected abstract Task ExpectForgottenAsync(ChatServer server, string busy, string[] junk);
}

public sealed class MemoryAbuseTests(MemoryProvider provider) : AbuseTests(provider), IClassFixture<MemoryProvider>
{
    protected override async Task ExpectForgottenAsync(ChatServer server, string busy, string[] junk)
    {
        var logs = server.Get<MemoryRoomLogs>();
        Assert.True(logs.Count > 1, "the attacker's rooms had history before the idle time");
        await Wait.UntilAsync(() =>
        {
            Time.Advance(TimeSpan.FromSeconds(15));
            return logs.Count == 1;
        }, "only the busy room keeps history");
        Assert.NotNull(await server.Get<IRoomHistory>().LastIssuedIdAsync(busy));
    }
}

[Requires(RedisServer.Executable)]
public sealed class RedisAbuseTests(RedisProvider redis) : AbuseTests(redis), IClassFixture<RedisProvider>
{
    protected override async Task ExpectForgottenAsync(ChatServer server, string busy, string[] junk)
    {
        // Redis expires by its own clock: each junk room's stream is set to go within the idle time.
        await using var probe = await (await redis.GetServerAsync()).ConnectAsync();
        var db = probe.GetDatabase();
        int streams = 0;
        foreach (var room in junk)
        {
            var stream = RedisProbes.Keys(Prefix).HistoryStream(room);
            var ttl = await db.KeyTimeToLiveAsync(stream);
            if (await db.KeyExistsAsync(stream))
            {
                streams++;
                Assert.NotNull(ttl);
                Assert.InRange(ttl.Value, TimeSpan.Zero, TimeSpan.FromSeconds(60));
            }
        }

        Assert.True(streams > 0, "the attacker's rooms had history");
    }
}
