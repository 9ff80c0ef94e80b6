using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.WebSockets;

/// <summary>Two app processes on one Redis share their rooms.</summary>
[Requires(RedisServer.Executable)]
public sealed class TwoInstancesTests
{
    [ServerFact]
    public async Task RawClientsOnTwoInstancesSeeEachOthersMessagesInOrder()
    {
        await using var redis = await RedisServer.StartAsync();
        var environment = AppProcess.OnRedis(redis);
        await using var first = await AppProcess.StartAsync(environment);
        await using var second = await AppProcess.StartAsync(environment);

        await using var onFirst = await WsClient.ConnectAsync(first.WebSocketUri("ws/shared/?name=ada"));
        await using var onSecond = await WsClient.ConnectAsync(second.WebSocketUri("ws/shared/?name=bob"));
        await using var elsewhere = await WsClient.ConnectAsync(second.WebSocketUri("ws/private/"));

        for (int i = 0; i < 30; i++)
        {
            await onFirst.SendTextAsync($"ada {i}");
            await onSecond.SendTextAsync($"bob {i}");
        }

        foreach (var client in new[] { onFirst, onSecond })
        {
            var received = await client.ReceiveTextsAsync(60);
            Assert.Equal(Enumerable.Range(0, 30).Select(i => $"ada {i}"), received.Where(t => t.StartsWith("ada")));
            Assert.Equal(Enumerable.Range(0, 30).Select(i => $"bob {i}"), received.Where(t => t.StartsWith("bob")));
        }

        await elsewhere.SendTextAsync("private");
        Assert.Equal("private", await elsewhere.ReceiveTextAsync());

        // Another room's message never reached the shared room: what comes next there is the marker.
        await onSecond.SendTextAsync("marker");
        foreach (var client in new[] { onFirst, onSecond })
        {
            Assert.Equal("marker", await client.ReceiveTextAsync());
        }
    }
}
