using System.Net.WebSockets;
using System.Text.Json;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Diagnostics;

/// <summary>
/// Scrapes <c>/metrics</c> of a real app process (a process of its own, so no other test's meter
/// is counted) after traffic whose every message is known, and checks that the numbers add up.
/// </summary>
[Requires(RedisServer.Executable)]
public sealed class MetricsTests
{
    private const string Room = "metered";

    [ServerFact]
    public async Task AfterTrafficTheScrapedCountsAddUp()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Limits__MessagesPerSecond"] = "1",
            ["Limits__MessageBurst"] = "3",
            ["Limits__MaxMessageBytes"] = "100",
        });

        // A JSON watcher sees every join, leave and message of the room, in order.
        await using var watcher = await WsClient.OpenAsync(app.WebSocketUri($"ws/{Room}/?format=json&name=watcher"));
        await NextAsync(watcher, "join", "watcher");

        await using var talker = await WsClient.ConnectAsync(app.WebSocketUri($"ws/{Room}/?name=talker"));
        await NextAsync(watcher, "join", "talker");
        await talker.SendTextAsync("one");
        await talker.SendTextAsync("two");
        await NextAsync(watcher, "message", "talker");
        await NextAsync(watcher, "message", "talker");

        await using var big = await WsClient.ConnectAsync(app.WebSocketUri($"ws/{Room}/?name=big"));
        await NextAsync(watcher, "join", "big");
        await big.SendTextAsync(new string('x', 101));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await big.ReceiveUntilCloseAsync()).Status);
        await NextAsync(watcher, "leave", "big");

        // Three sends fit the burst; the next three are refused, and the third refusal in a row closes it.
        await using var flooder = await WsClient.ConnectAsync(app.WebSocketUri($"ws/{Room}/?name=flooder"));
        await NextAsync(watcher, "join", "flooder");
        for (int i = 0; i < 6; i++)
        {
            await flooder.SendTextAsync($"flood {i}");
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await flooder.ReceiveUntilCloseAsync()).Status);
        int accepted = 0;
        while ((await NextAsync(watcher, kind: null, "flooder")).GetProperty("kind").GetString() == "message")
        {
            accepted++;
        }

        int refused = 6 - accepted;
        // Joins: watcher, talker, big, flooder. Leaves: big, flooder. Each event and message
        // reaches every member in the room at the time (plain sockets take events but do not show them).
        int sent = 4 + 2 + 2 + accepted;
        int delivered = 1 + 2 + (2 * 2) + 3 + 2 + 3 + (3 * accepted) + 2;

        PrometheusScrape? scrape = null;
        await Wait.UntilAsync(async () =>
        {
            scrape = await PrometheusScrape.ReadAsync(app.BaseUri);
            return scrape.Sum("blazorchat_connections", ("kind", "socket")) == 2
                && scrape.Sum("blazorchat_disconnects_total") == 2
                && scrape.Sum("blazorchat_messages_sent_total") == sent
                && scrape.Sum("kestrel_upgraded_connections") == 2;
        }, "the scrape shows both departures and every message");

        Assert.Equal(3, accepted);
        Assert.Equal(sent, scrape!.Sum("blazorchat_messages_sent_total"));
        Assert.Equal(delivered, scrape.Sum("blazorchat_messages_delivered_total"));
        Assert.Equal(0, scrape.Sum("blazorchat_deliveries_refused_total"));
        Assert.Equal(refused, scrape.Sum("blazorchat_messages_refused_total", ("kind", "socket"), ("reason", "rate_limit")));
        Assert.Equal(1, scrape.Sum("blazorchat_disconnects_total", ("kind", "socket"), ("reason", "message_too_big")));
        Assert.Equal(1, scrape.Sum("blazorchat_disconnects_total", ("kind", "socket"), ("reason", "flooding")));
        Assert.Equal(2, scrape.Sum("blazorchat_members"));
        Assert.Equal(1, scrape.Sum("blazorchat_rooms"));
        Assert.Equal(1, scrape.Sum("blazorchat_bus_available", ("provider", "memory")));
        Assert.Equal(sent, scrape.Sum("blazorchat_bus_publish_duration_seconds_count"));
        Assert.Equal(sent, scrape.Sum("blazorchat_bus_publish_duration_seconds_bucket", ("le", "+Inf")));

        // ASP.NET Core's and the runtime's own meters are in the same scrape, and agree: the two
        // sockets that ended are two finished upgrade requests; the two still open are upgraded.
        Assert.Equal(2, scrape.Sum("http_server_request_duration_seconds_count", ("http_route", "/ws/{group}/"), ("http_response_status_code", "101")));
        Assert.Equal(2, scrape.Sum("kestrel_upgraded_connections"));
        Assert.True(scrape.Has("dotnet_gc_collections_total") || scrape.Has("dotnet_process_cpu_time_seconds_total"), scrape.Text);
    }

    [ServerFact]
    public async Task TheBusGaugeFollowsTheRedisConnection()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var app = await AppProcess.StartAsync(AppProcess.OnRedis(redis));
        await WaitForGaugeAsync(app, 1);

        await redis.StopAsync();
        await WaitForGaugeAsync(app, 0);

        await redis.StartAgainAsync();
        await WaitForGaugeAsync(app, 1);
    }

    private static Task WaitForGaugeAsync(AppProcess app, int value) => Wait.UntilAsync(
        async () => (await PrometheusScrape.ReadAsync(app.BaseUri)).Sum("blazorchat_bus_available", ("provider", "redis")) == value,
        $"blazorchat_bus_available is {value}");

    /// <summary>The watcher's next envelope from <paramref name="sender"/> (of <paramref name="kind"/> if given), passing over the rest.</summary>
    private static async Task<JsonElement> NextAsync(WsClient watcher, string? kind, string sender)
    {
        while (true)
        {
            var envelope = await watcher.ReceiveJsonAsync();
            if (envelope.GetProperty("sender").GetString() == sender
                && (kind is null || envelope.GetProperty("kind").GetString() == kind))
            {
                return envelope;
            }
        }
    }
}
