using System.Net;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BlazorChat.Tests.Bus;

/// <summary>
/// A master of the cluster dies while its room is busy. A cluster of its own, since the test
/// leaves it one master short.
/// </summary>
[Requires(RedisServer.Executable)]
public sealed class RedisClusterFailoverTests(RedisClusterProvider cluster, ITestOutputHelper output)
    : ProviderTests(cluster), IClassFixture<RedisClusterProvider>
{
    private const string Room = "failover";

    [ServerFact]
    public async Task WhenARoomsMasterDiesEachSendIsRefusedOrDeliveredOnceInOrderAndTheSubscriptionFollowsTheReplica()
    {
        var sender = (await StartCoreAsync(RoomTraffic.Settings)).Bus;
        var logs = new LogCapture();
        var reader = await StartCoreAsync(RoomTraffic.Settings, logs.AddTo);
        var member = new RoomTraffic.Reader();
        await reader.Bus.GroupAddAsync(Room, member);
        var servers = await cluster.GetClusterAsync();
        await using var probe = await cluster.ConnectProbeAsync();
        var owner = (IPEndPoint)(await probe.GetDatabase().IdentifyEndpointAsync(RedisProbes.Keys(Prefix).HistoryStream(Room)))!;

        var traffic = RoomTraffic.Start(sender, Room, "ada");
        await Wait.UntilAsync(() => member.Received.Count >= 20, "the room is busy");
        int killedAfter = traffic.Sent.Last().N;
        await servers.KillAsync(owner.Port);
        // The subscription has followed the room's slot to the replica once messages sent after the kill arrive.
        await Wait.UntilAsync(() => member.Received.Count(s => s.N > killedAfter) >= 20, "messages sent after the master died arrive again");
        await traffic.StopAsync();

        await member.AssertEachTakenArrivedAsync(traffic, (await reader.History.ReadAsync(Room, null, RoomTraffic.HistoryLength)).Messages);
        member.AssertOnceEachInEachSendersOrder();
        output.WriteLine($"sent {traffic.Sent.Count}, refused {traffic.Refused.Count}, master killed after {killedAfter}, {RoomTraffic.Recovered(logs)}");
    }
}
