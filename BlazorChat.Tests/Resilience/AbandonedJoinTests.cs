using System.Net.WebSockets;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Resilience;

/// <summary>Clients that go away while their join is still waiting on Redis leave nothing held behind.</summary>
[Requires(RedisServer.Executable)]
public sealed class AbandonedJoinTests
{
    [ServerFact]
    public async Task SocketsDroppedWhileJoiningOnASlowRedisGiveTheirAddressSlotsBack()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = ChatServer.StartOnRedis(redis, TestServices.UniquePrefix(),
            new Dictionary<string, string?> { ["Limits:MaxConnectionsPerAddress"] = "3", ["Limits:JoinsPerMinute"] = "0" });
        await using var probe = await redis.ConnectAsync();

        // Redis holds every command for a while: the first join's SUBSCRIBE waits, and the other
        // joins wait behind it for the subscription lock, until their clients give up.
        await probe.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");
        var abandoned = new List<WsClient>();
        for (int i = 0; i < 3; i++)
        {
            abandoned.Add(await WsClient.OpenAsync(server.WebSocketUri($"ws/abandoned{i}/")));
        }

        foreach (var client in abandoned)
        {
            client.Socket.Abort();
        }

        // Once Redis answers again, all three slots are free: two new clients get in at once.
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await using var first = await WsClient.ConnectAsync(server.WebSocketUri("ws/after/"));
                await using var second = await WsClient.ConnectAsync(server.WebSocketUri("ws/after/"));
                return first.Socket.State == WebSocketState.Open && second.Socket.State == WebSocketState.Open;
            }
            catch (WebSocketException)
            {
                return false;
            }
        }, "the abandoned joins gave their slots back");
    }
}
