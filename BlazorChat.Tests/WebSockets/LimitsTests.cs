using System.Net.Http.Json;
using BlazorChat.Rooms;
using System.Net;
using System.Net.WebSockets;
using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.WebSockets;

/// <summary>Floods and crowds from one address: refused with a reason, counted, and the others served on.</summary>
public sealed class LimitsTests
{
    // Joins are not rate-limited here unless a test is about that: some tests open sockets in a loop.
    private static ChatServer Start(int perSecond, int burst, int perAddress = 100, TimeProvider? time = null, int joinsPerMinute = 0, int circuits = 20, int apiPerMinute = 600) => ChatServer.Start(
        new Dictionary<string, string?>
        {
            ["Limits:MessagesPerSecond"] = perSecond.ToString(),
            ["Limits:MessageBurst"] = burst.ToString(),
            ["Limits:MaxConnectionsPerAddress"] = perAddress.ToString(),
            ["Limits:JoinsPerMinute"] = joinsPerMinute.ToString(),
            ["Limits:MaxCircuitsPerAddress"] = circuits.ToString(),
            ["Limits:ApiRequestsPerMinute"] = apiPerMinute.ToString(),
        },
        services => services.AddSingleton(time ?? TimeProvider.System));

    [Fact]
    public async Task MessagesPastTheBurstAreRefusedToTheSenderWithANotice()
    {
        await using var server = Start(perSecond: 1, burst: 5);
        await using var eager = await WsClient.ConnectAsync(server.WebSocketUri("ws/limits/"));
        await using var other = await WsClient.ConnectAsync(server.WebSocketUri("ws/limits/"));

        for (int i = 0; i < 7; i++)
        {
            await eager.SendTextAsync($"m{i}");
        }

        var seenByEager = await eager.ReceiveTextsAsync(7);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], seenByEager.Where(t => t.StartsWith('m')));
        Assert.Equal(2, seenByEager.Count(t => t.StartsWith("[error] not sent: slow down")));
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], await other.ReceiveTextsAsync(5));
        Assert.Equal(WebSocketState.Open, eager.Socket.State);
    }

    [Fact]
    public async Task TheBucketRefillsWithTimeSoARefusedSenderMaySendAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = Start(perSecond: 2, burst: 2, time: time);
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("ws/refill/"));

        foreach (var text in new[] { "one", "two", "three" })
        {
            await client.SendTextAsync(text);
        }

        Assert.Equal(["one", "two"], (await client.ReceiveTextsAsync(3)).Where(t => !t.StartsWith("[error]")));

        // Two a second: after a second the bucket holds two again.
        time.Advance(TimeSpan.FromSeconds(1));
        await client.SendTextAsync("four");
        await client.SendTextAsync("five");
        Assert.Equal(["four", "five"], await client.ReceiveTextsAsync(2));
    }

    [Fact]
    public async Task AClientThatKeepsFloodingIsClosedWith1008AndTheRoomGoesOn()
    {
        await using var server = Start(perSecond: 1, burst: 3);
        await using var flooder = await WsClient.ConnectAsync(server.WebSocketUri("ws/flood/"));
        await using var bystander = await WsClient.ConnectAsync(server.WebSocketUri("ws/flood/"));

        for (int i = 0; i < 10 && flooder.Socket.State == WebSocketState.Open; i++)
        {
            await flooder.SendTextAsync($"flood {i}");
        }

        var (texts, status) = await flooder.ReceiveUntilCloseAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Contains(texts, t => t.StartsWith("[error] not sent: slow down"));
        await Wait.ForConnectionsAsync(server.Get<LocalConnections>(), () => server.Get<BlazorChat.Bus.IGroupBus>().CountLocalMembers("flood") == 1, "the flooder left");
        await bystander.SendTextAsync("calm");
        Assert.Equal(["flood 0", "flood 1", "flood 2", "calm"], await bystander.ReceiveTextsAsync(4));
    }

    [Fact]
    public async Task ZeroTurnsTheRateLimitOff()
    {
        await using var server = Start(perSecond: 0, burst: 0);
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("ws/unlimited/"));

        for (int i = 0; i < 200; i++)
        {
            await client.SendTextAsync($"{i}");
        }

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"{i}"), await client.ReceiveTextsAsync(200));
    }

    [Fact]
    public async Task ABrowserSessionIsLimitedTooAndKeepsItsText()
    {
        await using var server = Start(perSecond: 1, burst: 2);
        await using var scope = server.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();
        await session.JoinAsync("limits", "ada");

        Assert.True((await session.SendAsync("one")).Sent);
        Assert.True((await session.SendAsync("two")).Sent);
        var refused = await session.SendAsync("three");

        Assert.False(refused.Sent);
        Assert.Contains("slow down", refused.Error);
        Assert.Contains("Your text is kept", refused.Error);
        Assert.Equal(SessionStatus.Connected, session.State.Status);
    }

    [Fact]
    public async Task BehindALoopbackProxyTheCapCountsEachForwardedClient()
    {
        await using var server = Start(perSecond: 20, burst: 40, perAddress: 1);
        await using var first = await WsClient.ConnectAsync(server.WebSocketUri("ws/proxied/"), forwardedFor: "203.0.113.5");
        await using var second = await WsClient.ConnectAsync(server.WebSocketUri("ws/proxied/"), forwardedFor: "203.0.113.6");

        Assert.Equal(HttpStatusCode.TooManyRequests,
            await WsClient.RefusedStatusAsync(server.WebSocketUri("ws/proxied/"), forwardedFor: "203.0.113.5"));
    }

    [Fact]
    public async Task BehindALoopbackProxyTheCapCountsAnIPv6ClientByItsSlash64()
    {
        await using var server = Start(perSecond: 20, burst: 40, perAddress: 1);
        await using var first = await WsClient.ConnectAsync(server.WebSocketUri("ws/proxied/"), forwardedFor: "2001:db8:1:2::5");

        // One /64 is one client's: the 2^64 addresses in it do not each get a cap of their own.
        Assert.Equal(HttpStatusCode.TooManyRequests,
            await WsClient.RefusedStatusAsync(server.WebSocketUri("ws/proxied/"), forwardedFor: "2001:db8:1:2::6"));
        await using var neighbour = await WsClient.ConnectAsync(server.WebSocketUri("ws/proxied/"), forwardedFor: "2001:db8:1:3::5");
    }

    [Fact]
    public async Task SocketsPastThePerAddressCapAre429BeforeUpgrading()
    {
        await using var server = Start(perSecond: 20, burst: 40, perAddress: 2);
        var first = await WsClient.ConnectAsync(server.WebSocketUri("ws/capped/"));
        await using var second = await WsClient.ConnectAsync(server.WebSocketUri("ws/other/"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await WsClient.RefusedStatusAsync(server.WebSocketUri("ws/capped/")));

        await first.SendTextAsync("/close");
        await first.ReceiveCloseAsync();
        await first.DisposeAsync();
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await using var third = await WsClient.ConnectAsync(server.WebSocketUri("ws/capped/"));
                return true;
            }
            catch (WebSocketException)
            {
                return false;
            }
        }, "a socket could open again once one had closed");
    }

    [Fact]
    public async Task SocketsPastTheirAddresssJoinRateAre429BeforeUpgradingWhileOtherAddressesJoin()
    {
        // Eight a minute: two at once, then one every ten seconds.
        await using var server = Start(perSecond: 20, burst: 40, joinsPerMinute: 8);
        var room = server.WebSocketUri("ws/churn/");
        await using var first = await WsClient.ConnectAsync(room, forwardedFor: "203.0.113.7");
        await first.DisposeAsync();
        await using var second = await WsClient.ConnectAsync(room, forwardedFor: "203.0.113.7");

        Assert.Equal(HttpStatusCode.TooManyRequests, await WsClient.RefusedStatusAsync(room, forwardedFor: "203.0.113.7"));
        await using var neighbour = await WsClient.ConnectAsync(room, forwardedFor: "203.0.113.8");
    }

    [Fact]
    public async Task PagesPastTheirAddresssCircuitCapAre429WhileOtherAddressesConnect()
    {
        await using var server = Start(perSecond: 20, burst: 40, circuits: 1);
        using var http = server.CreateHttpClient();

        await using var page = await WsClient.OpenAsync(await CircuitUriAsync(server, http), forwardedFor: "203.0.113.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, await WsClient.RefusedStatusAsync(await CircuitUriAsync(server, http), forwardedFor: "203.0.113.9"));
        await using var neighbour = await WsClient.OpenAsync(await CircuitUriAsync(server, http), forwardedFor: "203.0.113.10");
    }

    /// <summary>A circuit's connection, as Blazor's script makes it: negotiate, then the WebSocket with the token.</summary>
    private static async Task<Uri> CircuitUriAsync(ChatServer server, HttpClient http)
    {
        var negotiated = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        negotiated.EnsureSuccessStatusCode();
        var token = (await negotiated.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("connectionToken").GetString();
        return server.WebSocketUri($"_blazor?id={token}");
    }

    [Fact]
    public async Task AnAddressAtItsCapIsAnswered429BeforeTheServerReadsTheRoomForItsSince()
    {
        await using var server = Start(perSecond: 20, burst: 40, perAddress: 1);
        await using var first = await WsClient.ConnectAsync(server.WebSocketUri("ws/capped/"));

        // Over the cap, the since is never looked up (on Redis, a round trip): the cap answers first.
        Assert.Equal(HttpStatusCode.TooManyRequests, await WsClient.RefusedStatusAsync(server.WebSocketUri("ws/capped/?format=json&since=999999")));
    }

    [Fact]
    public async Task APageThatKeepsRejoiningIsHeldToTheJoinRateAndKeepsItsPlace()
    {
        await using var server = Start(perSecond: 20, burst: 40, joinsPerMinute: 8, time: new FakeTimeProvider());
        await using var scope = server.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();

        // Eight a minute, two at once: the third join in a row is refused, and says why.
        Assert.True(await session.JoinAsync("churn", "ada"));
        await session.LeaveAsync();
        Assert.True(await session.JoinAsync("churn", "ada"));
        await session.LeaveAsync();
        Assert.False(await session.JoinAsync("churn", "ada"));

        Assert.Equal(SessionStatus.Disconnected, session.State.Status);
        Assert.Contains("too many", session.State.Detail);
        Assert.Equal(0, server.Get<BlazorChat.Bus.IGroupBus>().CountLocalMembers("churn"));
    }

    [Fact]
    public async Task AnAddressPastItsApiRateIsAnswered429WhileOtherAddressesAreServed()
    {
        // Eight a minute: two at once.
        await using var server = Start(perSecond: 20, burst: 40, apiPerMinute: 8);
        using var http = server.CreateHttpClient();
        Task<HttpResponseMessage> Ask(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/rooms/lobby/messages?limit=100");
            request.Headers.Add("X-Forwarded-For", address);
            return http.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Ask("203.0.113.20")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Ask("203.0.113.20")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Ask("203.0.113.20")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Ask("203.0.113.21")).StatusCode);
    }
}
