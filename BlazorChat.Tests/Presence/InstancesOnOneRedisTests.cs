using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Presence;

/// <summary>Real app processes on one real Redis: presence across them, an instance dying, and history outliving them all.</summary>
[Requires(RedisServer.Executable)]
public sealed class InstancesOnOneRedisTests
{
    // A short timeout, so that a dead instance is noticed within the test; the default is 30 s.
    private static Dictionary<string, string> OnRedis(RedisServer redis) =>
        AppProcess.OnRedis(redis, ("Presence__InstanceTimeoutSeconds", "3"));

    [ServerFact]
    public async Task EveryInstanceListsEveryMemberAndAKilledInstancesMembersLeave()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await AppProcess.StartAsync(OnRedis(redis));
        var second = await AppProcess.StartAsync(OnRedis(redis));
        using var http = new HttpClient { BaseAddress = first.BaseUri };

        await using var watcher = await WsClient.ConnectAsync(first.WebSocketUri("ws/shared/?format=json&name=watcher"));
        var doomed = await WsClient.ConnectAsync(second.WebSocketUri("ws/shared/?name=doomed"));
        await Wait.UntilAsync(async () => (await NamesAsync(http)).SetEquals(["watcher", "doomed"]), "both instances' members are listed");

        // No goodbye from a killed process: its members go when its heartbeat is missed.
        await second.DisposeAsync();
        var left = await watcher.ReceiveJsonAsync("leave");
        Assert.Equal("doomed left", left.GetProperty("text").GetString());
        Assert.Equal(["watcher"], await NamesAsync(http));
        using var rooms = JsonDocument.Parse(await http.GetStringAsync("/api/rooms"));
        Assert.Equal(1, rooms.RootElement[0].GetProperty("members").GetInt32());
        doomed.Socket.Abort();
        await doomed.DisposeAsync();
    }

    [ServerFact]
    public async Task HistorySurvivesRestartingEveryInstance()
    {
        await using var redis = await RedisServer.StartAsync();
        string firstId;
        await using (var before = await AppProcess.StartAsync(OnRedis(redis)))
        {
            await using var client = await WsClient.ConnectAsync(before.WebSocketUri("ws/archive/?format=json&name=ada"));
            foreach (var text in new[] { "one", "two", "three" })
            {
                await client.SendTextAsync(text);
            }

            firstId = (await client.ReceiveJsonAsync("message")).GetProperty("id").GetString()!;
            await client.ReceiveJsonAsync("message");
            await client.ReceiveJsonAsync("message");
            Assert.Equal(0, await before.TerminateAsync());
        }

        await using var after = await AppProcess.StartAsync(OnRedis(redis));
        using var http = new HttpClient { BaseAddress = after.BaseUri };
        var page = await http.GetFromJsonAsync<JsonElement>("/api/rooms/archive/messages");
        Assert.Equal(["one", "two", "three"], page.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("kind").GetString() == "message").Select(m => m.GetProperty("text").GetString()));

        await using var recovering = await WsClient.ConnectAsync(after.WebSocketUri($"ws/archive/?format=json&since={firstId}"));
        Assert.Equal("two", (await recovering.ReceiveJsonAsync("message")).GetProperty("text").GetString());
        Assert.Equal("three", (await recovering.ReceiveJsonAsync("message")).GetProperty("text").GetString());
    }

    private static async Task<HashSet<string>> NamesAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonElement>("/api/rooms/shared/members")).EnumerateArray().Select(m => m.GetProperty("name").GetString()!)];
}
