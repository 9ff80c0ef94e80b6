using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Api;

/// <summary>GET /api/rooms, /api/rooms/{group}/members and /api/rooms/{group}/messages, errors included.</summary>
public abstract class RoomsApiTests(IChatProvider provider) : ProviderTests(provider)
{
    [ServerFact]
    public async Task RoomsAreListedWithTheirMemberCounts()
    {
        await using var server = await StartServerAsync();
        using var http = server.CreateHttpClient();
        await using var a = await WsClient.ConnectAsync(server.WebSocketUri("ws/busy/?name=a"));
        await using var b = await WsClient.ConnectAsync(server.WebSocketUri("ws/busy/?name=b"));
        await using var c = await WsClient.ConnectAsync(server.WebSocketUri("ws/quiet/?name=c"));

        await Wait.UntilAsync(async () => (await RoomsAsync(http)).GetValueOrDefault("busy") == 2, "both sockets are counted");
        var rooms = await RoomsAsync(http);
        Assert.Equal(new Dictionary<string, int> { ["busy"] = 2, ["quiet"] = 1 }, rooms);
        var raw = await http.GetFromJsonAsync<JsonElement>("/api/rooms");
        Assert.Equal("busy", raw[0].GetProperty("group").GetString());
    }

    [ServerFact]
    public async Task MembersShowOncePerNameWithTheirConnectionsKindAndSince()
    {
        await using var server = await StartServerAsync();
        using var http = server.CreateHttpClient();
        await using var tab1 = server.Services.CreateAsyncScope();
        await using var tab2 = server.Services.CreateAsyncScope();
        await tab1.ServiceProvider.GetRequiredService<ChatSession>().JoinAsync("team", "Ada");
        await tab2.ServiceProvider.GetRequiredService<ChatSession>().JoinAsync("team", "Ada");
        await using var script = await WsClient.ConnectAsync(server.WebSocketUri("ws/team/?name=robot"));

        await Wait.UntilAsync(async () => (await http.GetFromJsonAsync<JsonElement>("/api/rooms/team/members")).GetArrayLength() == 2, "two rows");
        var members = await http.GetFromJsonAsync<JsonElement>("/api/rooms/team/members");
        var ada = members.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Ada");
        Assert.Equal("browser", ada.GetProperty("kind").GetString());
        Assert.Equal(2, ada.GetProperty("connections").GetInt32());
        Assert.True(ada.GetProperty("since").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        var robot = members.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "robot");
        Assert.Equal(("socket", 1), (robot.GetProperty("kind").GetString(), robot.GetProperty("connections").GetInt32()));
    }

    [ServerFact]
    public async Task MessagesArePagedAfterAnIdWithALimit()
    {
        await using var server = await StartServerAsync();
        using var http = server.CreateHttpClient();
        var bus = server.Get<IGroupBus>();
        var ids = new List<string>();
        for (int i = 0; i < 8; i++)
        {
            ids.Add((await bus.GroupSendAsync("log", new MessageDraft("ada", $"m{i}"))).Id);
        }

        var newest = await http.GetFromJsonAsync<JsonElement>("/api/rooms/log/messages?limit=3");
        Assert.Equal(["m5", "m6", "m7"], Texts(newest));
        Assert.True(newest.GetProperty("recovered").GetBoolean());

        var page = await http.GetFromJsonAsync<JsonElement>($"/api/rooms/log/messages?since={ids[1]}&limit=4");
        Assert.Equal(["m2", "m3", "m4", "m5"], Texts(page));
        var first = page.GetProperty("messages")[0];
        Assert.Equal((ids[2], "log", "ada", "message"), (first.GetProperty("id").GetString(), first.GetProperty("group").GetString(),
            first.GetProperty("sender").GetString(), first.GetProperty("kind").GetString()));

        // Back from an id, as a page scrolling up reads: the newest before it, oldest first.
        var back = await http.GetFromJsonAsync<JsonElement>($"/api/rooms/log/messages?before={ids[5]}&limit=3");
        Assert.Equal(["m2", "m3", "m4"], Texts(back));
        var start = await http.GetFromJsonAsync<JsonElement>($"/api/rooms/log/messages?before={ids[1]}&limit=3");
        Assert.Equal(["m0"], Texts(start));

        var all = await http.GetFromJsonAsync<JsonElement>("/api/rooms/log/messages");
        Assert.Equal(8, all.GetProperty("messages").GetArrayLength());
        var empty = await http.GetFromJsonAsync<JsonElement>("/api/rooms/nobody_here/messages");
        Assert.Equal(0, empty.GetProperty("messages").GetArrayLength());
    }

    [ServerFact]
    public async Task MessagesComeInPagesOfAtMost100AndSinceWalksThroughEverythingKept()
    {
        await using var server = await StartServerAsync(new Dictionary<string, string?> { ["History:Length"] = "1000" });
        using var http = server.CreateHttpClient();
        var bus = server.Get<IGroupBus>();
        var ids = new List<string>();
        for (int i = 0; i < 250; i++)
        {
            ids.Add((await bus.GroupSendAsync("log", new MessageDraft("ada", $"m{i}"))).Id);
        }

        // However much a room keeps, one request reads at most 100 of it.
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/rooms/log/messages?limit=101")).StatusCode);
        var newest = await http.GetFromJsonAsync<JsonElement>("/api/rooms/log/messages?limit=100");
        Assert.Equal(ids[^100..], Ids(newest));

        // Page on with the last id of each page, from before the first, to read everything kept.
        var walked = new List<string>();
        string since = "0";
        while (true)
        {
            var page = Ids(await http.GetFromJsonAsync<JsonElement>($"/api/rooms/log/messages?since={since}&limit=100"));
            Assert.InRange(page.Count, 0, 100);
            if (page.Count == 0)
            {
                break;
            }

            walked.AddRange(page);
            since = page[^1];
        }

        Assert.Equal(ids, walked);
    }

    [ServerTheory]
    [InlineData("/api/rooms/not-a-room/members", HttpStatusCode.NotFound)]
    [InlineData("/api/rooms/not%20a%20room/messages", HttpStatusCode.NotFound)]
    [InlineData("/api/rooms/log/messages?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/rooms/log/messages?limit=101", HttpStatusCode.BadRequest)]
    [InlineData("/api/rooms/log/messages?limit=100000", HttpStatusCode.BadRequest)]
    [InlineData("/api/rooms/log/messages?limit=ten", HttpStatusCode.BadRequest)]
    [InlineData("/api/rooms/log/messages?since=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/rooms/log/messages?since=FUTURE", HttpStatusCode.BadRequest)]
    [InlineData("/api/rooms/log/messages?before=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/rooms/log/messages?before=1&since=1", HttpStatusCode.BadRequest)]
    public async Task BadRequestsGetAProblemDetailsBodySayingWhy(string path, HttpStatusCode expected)
    {
        await using var server = await StartServerAsync();
        using var http = server.CreateHttpClient();
        await server.Get<IGroupBus>().GroupSendAsync("log", new MessageDraft("ada", "one"));

        var response = await http.GetAsync(path.Replace("FUTURE", FutureId));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];

    private static List<string> Texts(JsonElement page) =>
        [.. page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!)];

    private static async Task<Dictionary<string, int>> RoomsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("group").GetString()!, r => r.GetProperty("members").GetInt32());
}

public sealed class MemoryRoomsApiTests(MemoryProvider provider) : RoomsApiTests(provider), IClassFixture<MemoryProvider>;

[Requires(RedisServer.Executable)]
public sealed class RedisRoomsApiTests(RedisProvider provider) : RoomsApiTests(provider), IClassFixture<RedisProvider>;

[Requires(RedisServer.Executable)]
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterRoomsApiTests(RedisClusterProvider cluster) : RoomsApiTests(cluster);
