using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Resilience;

/// <summary>Redis stopped under two running instances, then started again.</summary>
[Requires(RedisServer.Executable)]
public sealed class RedisOutageTests
{
    [ServerFact]
    public async Task InstancesRideOutAnOutageRefuseSendsMeanwhileAndRecoverAfter()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true);
        var environment = AppProcess.OnRedis(redis);
        await using var first = await AppProcess.StartAsync(environment);
        await using var second = await AppProcess.StartAsync(environment);
        using var firstHttp = new HttpClient { BaseAddress = first.BaseUri };
        using var secondHttp = new HttpClient { BaseAddress = second.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await firstHttp.GetAsync("/health/ready")).StatusCode);

        var json = await WsClient.ConnectAsync(first.WebSocketUri("ws/outage/?format=json&name=reader"));
        await using var plain = await WsClient.ConnectAsync(second.WebSocketUri("ws/outage/?name=writer"));
        await plain.SendTextAsync("before");
        var before = await json.ReceiveJsonAsync("message");
        var lastSeen = before.GetProperty("id").GetString()!;
        Assert.Equal("before", await plain.ReceiveTextAsync());

        // Outage: both stay up, readiness says so, and sends are refused to their senders.
        await redis.StopAsync();
        await Wait.UntilAsync(async () => (await firstHttp.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, "readiness reports the bus down");
        Assert.Equal(HttpStatusCode.OK, (await firstHttp.GetAsync("/health/live")).StatusCode);
        await plain.SendTextAsync("during");
        Assert.StartsWith("[error] not sent: the chat bus is unavailable", await plain.ReceiveTextAsync());
        await json.SendTextAsync("""{"text": "during"}""");
        var refused = await json.ReceiveJsonAsync("system");
        Assert.StartsWith("[error] not sent: the chat bus is unavailable", refused.GetProperty("text").GetString());

        // Back: readiness recovers, subscriptions come back by themselves, delivery resumes.
        await redis.StartAgainAsync();
        await Wait.UntilAsync(async () => (await firstHttp.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK
            && (await secondHttp.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "readiness recovers on both");
        // Both instances renew their subscription to the room by themselves.
        await using (var probe = await redis.ConnectAsync())
        {
            await Wait.UntilAsync(async () => await probe.CountSubscribersAsync(RedisProbes.Keys("blazorchat").GroupChannel("outage")) == 2,
                "both instances are subscribed to the room again");
        }

        const int sent = 3;
        for (int i = 0; i < sent; i++)
        {
            await plain.SendTextAsync($"after {i}");
            Assert.Equal($"after {i}", await plain.ReceiveTextAsync());
        }

        // The reader may have missed some while its instance resubscribed: it recovers them by id.
        json.Socket.Abort();
        await json.DisposeAsync();
        await using var back = await WsClient.ConnectAsync(first.WebSocketUri($"ws/outage/?format=json&name=reader&since={lastSeen}"));
        Assert.True(JsonDocument.Parse(back.Welcome).RootElement.GetProperty("recovered").GetBoolean());
        var recovered = new List<string>();
        while (recovered.Count < sent)
        {
            recovered.Add((await back.ReceiveJsonAsync("message")).GetProperty("text").GetString()!);
        }

        Assert.Equal(Enumerable.Range(0, sent).Select(i => $"after {i}"), recovered);
        await plain.SendTextAsync("live again");
        Assert.Equal("live again", (await back.ReceiveJsonAsync("message")).GetProperty("text").GetString());

        // With appendonly, the room's history outlived the Redis restart.
        var history = await firstHttp.GetFromJsonAsync<JsonElement>("/api/rooms/outage/messages");
        Assert.Contains(history.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString() == "before");
    }
}
