using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.WebSockets;

/// <summary>200 raw clients in one room, each sending 10 messages: everyone gets all 2,000 once, in each sender's order.</summary>
public abstract class CrowdedRoomTests(IChatProvider provider) : ProviderTests(provider)
{
    private const int Clients = 200;
    private const int MessagesEach = 10;

    /// <summary>All the clients come from one address, so that cap and the join rate are off; the rate limit stays at its default.</summary>
    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?> { ["Limits:MaxConnectionsPerAddress"] = "0", ["Limits:JoinsPerMinute"] = "0" };

    [ServerFact]
    public async Task EveryClientReceivesEveryMessageOnceInEachSendersOrder()
    {
        await using var server = await StartServerAsync(Settings);
        var clients = new List<WsClient>();
        try
        {
            for (int i = 0; i < Clients; i++)
            {
                clients.Add(await WsClient.ConnectAsync(server.WebSocketUri($"ws/crowd/?name=c{i}")));
            }

            var receiving = clients.Select(c => c.ReceiveTextsAsync(Clients * MessagesEach)).ToList();
            var sending = clients.Select((c, i) => Task.Run(async () =>
            {
                for (int n = 0; n < MessagesEach; n++)
                {
                    await c.SendTextAsync($"{i}:{n}");
                }
            }));
            await Task.WhenAll(sending).DefaultTimeout();

            foreach (var received in await Task.WhenAll(receiving).WaitAsync(TimeSpan.FromMinutes(2)))
            {
                Assert.Equal(Clients * MessagesEach, received.Distinct().Count());
                var next = new int[Clients];
                foreach (var text in received)
                {
                    var parts = text.Split(':');
                    int sender = int.Parse(parts[0]);
                    Assert.Equal(next[sender]++, int.Parse(parts[1]));
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}

public sealed class MemoryCrowdedRoomTests(MemoryProvider provider) : CrowdedRoomTests(provider), IClassFixture<MemoryProvider>;

[Requires(RedisServer.Executable)]
public sealed class RedisCrowdedRoomTests(RedisProvider provider) : CrowdedRoomTests(provider), IClassFixture<RedisProvider>;
