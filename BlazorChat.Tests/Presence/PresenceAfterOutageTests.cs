using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using StackExchange.Redis;

namespace BlazorChat.Tests.Presence;

/// <summary>
/// Presence across two real app processes when Redis, or one instance, goes away for longer than
/// <c>Presence:InstanceTimeoutSeconds</c>: every instance re-asserts its own members on each
/// heartbeat, so presence comes back without anyone reconnecting, and nobody is said to have left
/// who never did.
/// </summary>
[Requires(RedisServer.Executable)]
public sealed class PresenceAfterOutageTests
{
    // Short, to keep the test short, but not shorter: each instance's Redis client reconnects on a
    // backoff of its own, and on a busy machine (the whole suite, clusters and browsers beside it)
    // the two came back more than 3 s apart, which the first, sweeping after one timeout of beating,
    // would take for the other's death.
    private const int TimeoutSeconds = 5;
    private const string Room = "steady";
    private static readonly string[] Everyone = ["ada", "alan", "bea", "bob"];

    private static Dictionary<string, string> OnRedis(RedisServer redis) =>
        AppProcess.OnRedis(redis, ("Presence__InstanceTimeoutSeconds", TimeoutSeconds.ToString()));

    [ServerTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryMemberIsListedAgainAfterALongOutageAndNobodyIsSaidToHaveLeft(bool redisKeepsItsData)
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: redisKeepsItsData);
        await using var first = await AppProcess.StartAsync(OnRedis(redis));
        await using var second = await AppProcess.StartAsync(OnRedis(redis));
        using var firstHttp = new HttpClient { BaseAddress = first.BaseUri };
        using var secondHttp = new HttpClient { BaseAddress = second.BaseUri };
        var clients = new List<WsClient>();
        try
        {
            foreach (var (app, name) in new[] { (first, "ada"), (first, "alan"), (second, "bea"), (second, "bob") })
            {
                clients.Add(await WsClient.ConnectAsync(app.WebSocketUri($"ws/{Room}/?format=json&name={name}")));
            }

            await Wait.UntilAsync(async () => (await NamesAsync(firstHttp)).SetEquals(Everyone) && (await NamesAsync(secondHttp)).SetEquals(Everyone),
                "both instances list all four members");

            await redis.StopAsync();
            await Wait.UntilAsync(async () => await IsReadyAsync(firstHttp) is false && await IsReadyAsync(secondHttp) is false, "both instances see Redis gone");
            // The outage itself, and its length is the point: longer than the timeout, so every
            // score is stale when Redis is back. A length of the scenario, not a wait for a result.
            await Task.Delay(TimeSpan.FromSeconds(3 * TimeoutSeconds));
            await redis.StartAgainAsync();
            var back = DateTimeOffset.UtcNow;
            await Wait.UntilAsync(async () => await IsReadyAsync(firstHttp) && await IsReadyAsync(secondHttp), "both instances are ready again");

            await Wait.UntilAsync(async () => (await NamesAsync(firstHttp)).SetEquals(Everyone) && (await NamesAsync(secondHttp)).SetEquals(Everyone),
                "both instances list all four members again, none of them having reconnected");

            await using var probe = await redis.ConnectAsync();
            var db = probe.GetDatabase();
            // Past the point where a sweep would have taken the other instance for dead: both have
            // heartbeated for two timeouts since Redis came back.
            long settled = back.AddSeconds(2 * TimeoutSeconds).ToUnixTimeMilliseconds();
            await Wait.UntilAsync(async () => (await db.SortedSetRangeByScoreAsync(RedisProbes.Keys("blazorchat").Instances, settled, double.PositiveInfinity)).Length == 2,
                "both instances have heartbeated for two timeouts since Redis came back");
            await Wait.UntilAsync(async () => await probe.CountSubscribersAsync(RedisProbes.Keys("blazorchat").GroupChannel(Room)) == 2,
                "both instances are subscribed to the room again");

            // Each member says something; everyone reads up to all four, and no "left" comes first.
            foreach (var (client, name) in clients.Zip(Everyone))
            {
                await client.SendTextAsync($$"""{"text": "still here: {{name}}"}""");
            }

            foreach (var (client, name) in clients.Zip(Everyone))
            {
                var heard = new HashSet<string>();
                while (heard.Count < Everyone.Length)
                {
                    var envelope = await client.ReceiveJsonAsync();
                    string kind = envelope.GetProperty("kind").GetString()!;
                    Assert.False(kind == "leave", $"{name} was told '{envelope.GetProperty("text").GetString()}', but nobody left.");
                    if (kind == "message")
                    {
                        heard.Add(envelope.GetProperty("text").GetString()!);
                    }
                }
            }

            Assert.Equal(Everyone, (await NamesAsync(secondHttp)).Order());
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [ServerFact]
    public async Task AnInstanceTakenForDeadWhilePausedListsItsMembersAgainWhenItResumes()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await AppProcess.StartAsync(OnRedis(redis));
        await using var second = await AppProcess.StartAsync(OnRedis(redis));
        using var http = new HttpClient { BaseAddress = first.BaseUri };
        await using var watcher = await WsClient.ConnectAsync(first.WebSocketUri($"ws/{Room}/?format=json&name=ada"));
        await using var sleeper = await WsClient.ConnectAsync(second.WebSocketUri($"ws/{Room}/?format=json&name=bea"));
        await Wait.UntilAsync(async () => (await NamesAsync(http)).SetEquals(["ada", "bea"]), "both members are listed");

        // Paused past the timeout, the second instance is rightly taken for dead...
        await SignalAsync(second, "STOP");
        try
        {
            var left = await watcher.ReceiveJsonAsync("leave");
            Assert.Equal("bea left", left.GetProperty("text").GetString());
            Assert.Equal(["ada"], await NamesAsync(http));
        }
        finally
        {
            await SignalAsync(second, "CONT");
        }

        // ...and once it runs again, its next heartbeat puts its member back, without a reconnect.
        await Wait.UntilAsync(async () => (await NamesAsync(http)).SetEquals(["ada", "bea"]), "the resumed instance's member is listed again");
        await sleeper.SendTextAsync("""{"text": "back"}""");
        Assert.Equal("back", (await watcher.ReceiveJsonAsync("message")).GetProperty("text").GetString());
    }

    [ServerFact]
    public async Task AMemberWhoLeftWhileRedisWasDownIsNotListedOnceItIsBack()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true);
        await using var app = await AppProcess.StartAsync(OnRedis(redis));
        using var http = new HttpClient { BaseAddress = app.BaseUri };
        await using var stayer = await WsClient.ConnectAsync(app.WebSocketUri($"ws/{Room}/?format=json&name=ada"));
        var leaver = await WsClient.ConnectAsync(app.WebSocketUri($"ws/{Room}/?format=json&name=bea"));
        await Wait.UntilAsync(async () => (await NamesAsync(http)).SetEquals(["ada", "bea"]), "both members are listed");

        await redis.StopAsync();
        await Wait.UntilAsync(async () => await IsReadyAsync(http) is false, "the instance sees Redis gone");
        await leaver.DisposeAsync();
        await Wait.UntilAsync(() => app.Output.Contains($"Presence in room {Room} could not be updated"), "the leave could not reach Redis");

        // Redis comes back with the entry it had: the instance's heartbeat makes the removal it could not make then.
        await redis.StartAgainAsync();
        await Wait.UntilAsync(async () => await IsReadyAsync(http), "the instance is ready again");
        await Wait.UntilAsync(async () => (await NamesAsync(http)).SetEquals(["ada"]), "only the member still there is listed");
    }

    private static async Task SignalAsync(AppProcess app, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", app.Id.ToString()]);
        await kill.WaitForExitAsync().DefaultTimeout();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<bool> IsReadyAsync(HttpClient http) =>
        (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;

    private static async Task<HashSet<string>> NamesAsync(HttpClient http)
    {
        using var response = await http.GetAsync($"/api/rooms/{Room}/members");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(m => m.GetProperty("name").GetString()!)];
    }
}
