using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Resilience;

/// <summary>SIGTERM to one of two real instances on one Redis.</summary>
[Requires(RedisServer.Executable)]
public sealed class RedisGracefulShutdownTests
{
    [ServerFact]
    public async Task AStoppingInstanceTakesItsMembersOutOfPresenceAtOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        var environment = AppProcess.OnRedis(redis);
        await using var staying = await AppProcess.StartAsync(environment);
        var stopping = await AppProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = staying.BaseUri };
        await using var watcher = await WsClient.ConnectAsync(staying.WebSocketUri("ws/leaving/?format=json&name=watcher"));
        await using var leaver = await WsClient.ConnectAsync(stopping.WebSocketUri("ws/leaving/?name=leaver"));
        await Wait.UntilAsync(async () => (await http.GetFromJsonAsync<JsonElement>("/api/rooms/leaving/members")).GetArrayLength() == 2, "both are listed");

        Assert.Equal(0, await stopping.TerminateAsync());

        // Well inside the 30 s a dead instance would take: it said goodbye.
        Assert.Equal("leaver left", (await watcher.ReceiveJsonAsync("leave")).GetProperty("text").GetString());
        var members = await http.GetFromJsonAsync<JsonElement>("/api/rooms/leaving/members");
        Assert.Equal(["watcher"], members.EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        await stopping.DisposeAsync();
    }
}
