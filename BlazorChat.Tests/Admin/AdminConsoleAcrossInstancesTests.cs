using System.Net.WebSockets;
using BlazorChat.Admin;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Admin;

/// <summary>
/// The console of one instance acting on another's connections: this test process's server on a
/// real redis-server, and the app as a real process of its own on the same Redis.
/// </summary>
[Requires(RedisServer.Executable)]
public sealed class AdminConsoleAcrossInstancesTests
{
    private const string Key = "correct-horse-battery-staple";

    // A short timeout, so that a dead instance drops out within the test; the default is 30 s.
    private const int InstanceTimeoutSeconds = 3;

    private readonly string _prefix = TestServices.UniquePrefix();

    [ServerFact]
    public async Task TheConsoleListsASocketOnAnotherInstanceByNameAndRemovingItClosesItThere()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var console = StartConsole(redis);
        await using var other = await StartOtherAsync(redis);
        await using var near = await WsClient.ConnectAsync(console.WebSocketUri("ws/faraway/?name=near"));
        await using var far = await WsClient.ConnectAsync(other.WebSocketUri("ws/faraway/?name=far"));
        var admin = console.Get<AdminConsole>();

        var listed = await WaitForListingAsync(admin, i => i.Connections.Any(c => c.Name == "far"), "the other instance lists its socket");
        var holder = Assert.Single(listed);
        Assert.Contains(other.BaseUri.Authority, holder.InstanceName);
        Assert.DoesNotContain(holder.Connections, c => c.Name == "near");
        Assert.DoesNotContain(admin.OwnConnections().Connections, c => c.Name == "far");
        // Each instance keeps in Redis no more than its snapshot, for no longer than the timeout.
        await using (var probe = await redis.ConnectAsync())
        {
            var ttl = await probe.GetDatabase().KeyTimeToLiveAsync(RedisProbes.Keys(_prefix).InstanceConnections(holder.InstanceId));
            Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(InstanceTimeoutSeconds));
        }

        var outcome = await admin.KickAsync(holder, holder.Connections.Single(c => c.Name == "far"), "spamming from afar");

        Assert.Equal(KickOutcome.Requested, outcome);
        var (status, description) = await far.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("removed by an administrator: spamming from afar", description);
        await WaitForListingAsync(admin, i => i.InstanceId == holder.InstanceId && i.Total == 0, "the other instance lists the socket no more");
        // The removal named its instance and its connection: the room carries on here.
        await near.SendTextAsync("still here");
        Assert.Equal("still here", await near.ReceiveTextAsync());

        // Stopped cleanly, an instance takes its list away as it goes.
        Assert.Equal(0, await other.TerminateAsync());
        Assert.Empty(await admin.OtherInstancesAsync());
    }

    [ServerFact]
    public async Task AnInstanceThatDiesDropsOutOfTheConsoleWithinTheInstanceTimeout()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var console = StartConsole(redis);
        var other = await StartOtherAsync(redis);
        var far = await WsClient.ConnectAsync(other.WebSocketUri("ws/doomed/?name=far"));
        var admin = console.Get<AdminConsole>();
        await WaitForListingAsync(admin, i => i.Connections.Any(c => c.Name == "far"), "the other instance lists its socket");

        // Killed: no goodbye, and nobody deletes its list; it expires.
        await other.DisposeAsync();

        await Wait.UntilAsync(async () => (await admin.OtherInstancesAsync()).Count == 0, "the dead instance is listed no more");
        far.Socket.Abort();
        await far.DisposeAsync();
    }

    [ServerFact]
    public async Task WhileRedisIsAwayTheConsoleCannotReadOrReachTheOthersAndAfterwardItCan()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var console = StartConsole(redis);
        await using var other = ChatServer.StartOnRedis(redis, _prefix, new Dictionary<string, string?>
        {
            ["Presence:InstanceTimeoutSeconds"] = InstanceTimeoutSeconds.ToString(),
        });
        await using var far = await WsClient.ConnectAsync(other.WebSocketUri("ws/outage/?name=far"));
        var admin = console.Get<AdminConsole>();
        var holder = Assert.Single(await WaitForListingAsync(admin, i => i.Connections.Any(c => c.Name == "far"), "the other instance lists its socket"));

        await redis.StopAsync();

        await Assert.ThrowsAsync<BlazorChat.Bus.BusUnavailableException>(() => admin.OtherInstancesAsync());
        Assert.Equal(KickOutcome.Unreachable, await admin.KickAsync(holder, holder.Connections.Single(), "spamming from afar"));

        // Redis came back empty: the other instance writes its list again by itself.
        await redis.StartAgainAsync();
        await WaitForListingAsync(admin, i => i.InstanceId == holder.InstanceId, "the other instance is listed again");
    }

    private ChatServer StartConsole(RedisServer redis) => ChatServer.StartOnRedis(redis, _prefix, new Dictionary<string, string?>
    {
        ["Admin:Key"] = Key,
        ["Presence:InstanceTimeoutSeconds"] = InstanceTimeoutSeconds.ToString(),
    });

    // Without a key of its own: an instance lists its connections for the others' consoles all the same.
    private Task<AppProcess> StartOtherAsync(RedisServer redis) => AppProcess.StartAsync(AppProcess.OnRedis(redis,
        ("Bus__ChannelPrefix", _prefix), ("Presence__InstanceTimeoutSeconds", InstanceTimeoutSeconds.ToString())));

    private static async Task<IReadOnlyList<InstanceConnections>> WaitForListingAsync(AdminConsole admin, Func<InstanceConnections, bool> condition, string what)
    {
        IReadOnlyList<InstanceConnections> listed = [];
        await Wait.UntilAsync(async () => (listed = await admin.OtherInstancesAsync()).Any(condition), what);
        return listed;
    }
}
