using System.Net;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace BlazorChat.Tests.Bus;

/// <summary>A busy room's slot moves to another master. A cluster of its own, whose layout the test changes.</summary>
[Requires(RedisServer.Executable)]
public sealed class RedisClusterReshardTests(RedisClusterProvider cluster, ITestOutputHelper output)
    : ProviderTests(cluster), IClassFixture<RedisClusterProvider>
{
    // redis-cli's reshard takes a master's lowest slots first: a room in one of these moves.
    private const int MovedSlots = 100;

    [ServerFact]
    public async Task WhileARoomsSlotMovesEachSendIsDeliveredOnceInEachSendersOrderAndTheSubscriptionFollows()
    {
        var servers = await cluster.GetClusterAsync();
        await using var probe = await cluster.ConnectProbeAsync();
        var db = probe.GetDatabase();
        var keys = RedisProbes.Keys(Prefix);
        string room = await RoomInTheLowestSlotsAsync(db);
        var from = (IPEndPoint)(await db.IdentifyEndpointAsync(keys.HistoryStream(room)))!;
        var to = (IPEndPoint)probe.GetServers().First(s => !s.IsReplica && !s.EndPoint.Equals(from)).EndPoint;

        var senders = await StartCoreAsync(RoomTraffic.Settings);
        var logs = new LogCapture();
        var reader = await StartCoreAsync(RoomTraffic.Settings, logs.AddTo);
        var member = new RoomTraffic.Reader();
        await reader.Bus.GroupAddAsync(room, member);
        var traffic = RoomTraffic.Start(senders.Bus, room, "ada", "bob");
        await Wait.UntilAsync(() => member.Received.Count >= 20, "the room is busy");

        await servers.ReshardAsync(from.Port, to.Port, MovedSlots);
        long slot = (long)await db.ExecuteAsync("CLUSTER", "KEYSLOT", keys.HistoryStream(room).ToString());
        Assert.Equal("1", await RedisClusterServer.AskAsync(to.Port, "CLUSTER", "COUNTKEYSINSLOT", slot.ToString()));
        int movedAfter = traffic.Sent.Max(s => s.N);
        await Wait.UntilAsync(() => member.Received.Count(s => s.N > movedAfter) >= 20, "messages sent after the move arrive");
        await traffic.StopAsync();

        await member.AssertEachTakenArrivedAsync(traffic, (await reader.History.ReadAsync(room, null, RoomTraffic.HistoryLength)).Messages);
        member.AssertOnceEachInEachSendersOrder();
        output.WriteLine($"sent {traffic.Sent.Count}, refused {traffic.Refused.Count}, {RoomTraffic.Recovered(logs)}");
    }

    private static async Task<string> RoomInTheLowestSlotsAsync(IDatabase db)
    {
        for (int i = 0; ; i++)
        {
            string room = $"busy{i}";
            if ((long)await db.ExecuteAsync("CLUSTER", "KEYSLOT", $"{{{room}}}") < MovedSlots)
            {
                return room;
            }
        }
    }
}
