using BlazorChat.Bus;
using BlazorChat.Bus.Redis;
using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace BlazorChat.Tests.Bus;

/// <summary>The bus's contract, and what only Redis does, on one Redis and on a Redis Cluster alike.</summary>
public abstract class RedisGroupBusTests(IRedisProvider redis) : GroupBusSpecificationTests(redis)
{
    /// <summary>Redis keeps the key's time itself (PX): wait until it has let the key go.</summary>
    protected override async Task LetTheKeyExpireAsync(FakeTimeProvider time, string group, string key, TimeSpan ttl)
    {
        time.Advance(ttl);
        await using var probe = await redis.ConnectProbeAsync();
        await Wait.UntilAsync(async () => !await probe.GetDatabase().KeyExistsAsync(RedisProbes.Keys(Prefix).SendKey(group, key)), "Redis let the key expire");
    }

    /// <summary>Another bus on the same Redis and prefix: what another app instance would have.</summary>
    private Task<IGroupBus> NewServerAsync() => CreateBusAsync();

    [ServerFact]
    public async Task GroupSendReachesMembersOnAnotherServer()
    {
        var first = await NewServerAsync();
        var second = await NewServerAsync();
        var onFirst = new TestMember("a");
        var onSecond = new TestMember("b");
        await first.GroupAddAsync("lobby", onFirst);
        await second.GroupAddAsync("lobby", onSecond);

        await first.GroupSendAsync("lobby", new MessageDraft("ada", "from the first"));
        await second.GroupSendAsync("lobby", new MessageDraft("bob", "from the second"));

        Assert.Equal(["from the first", "from the second"], await onFirst.ReceiveTextsAsync(2));
        Assert.Equal(["from the first", "from the second"], await onSecond.ReceiveTextsAsync(2));
    }

    [ServerFact]
    public async Task OneShardedSubscriptionPerGroupPerProcessWhileItHasMembers()
    {
        var bus = await NewServerAsync();
        await using var probe = await redis.ConnectProbeAsync();
        var sharded = RedisProbes.Keys(Prefix).GroupChannel("lobby");
        var classic = RedisProbes.Keys(Prefix, RedisPubSub.Classic).GroupChannel("lobby");
        var members = Enumerable.Range(0, 3).Select(i => new TestMember($"{i}")).ToList();

        foreach (var member in members)
        {
            await bus.GroupAddAsync("lobby", member);
        }

        Assert.True(sharded.IsSharded);
        Assert.Equal(1, await probe.CountSubscribersAsync(sharded));
        Assert.Equal(0, await probe.CountSubscribersAsync(classic));
        foreach (var server in probe.GetServers())
        {
            Assert.Equal(0, (long)await server.ExecuteAsync("PUBSUB", "NUMPAT"));
        }

        foreach (var member in members)
        {
            await bus.GroupDiscardAsync("lobby", member);
        }

        Assert.Equal(0, await probe.CountSubscribersAsync(sharded));
    }

    [ServerFact]
    public async Task ClassicPubSubCarriesRoomsBetweenServersOnLiteralChannels()
    {
        var classic = new Dictionary<string, string?> { ["Bus:Redis:PubSub"] = "Classic" };
        var first = (await StartCoreAsync(classic)).Bus;
        var second = (await StartCoreAsync(classic)).Bus;
        await using var probe = await redis.ConnectProbeAsync();
        var onFirst = new TestMember("a", withEvents: true);
        var onSecond = new TestMember("b", withEvents: true);
        await first.GroupAddAsync("lobby", onFirst);
        await second.GroupAddAsync("lobby", onSecond);

        await first.GroupSendAsync("lobby", new MessageDraft("ada", "kept and published"));
        await second.GroupSendAsync("lobby", new MessageDraft("bob", "typing", MessageKind.Typing));

        // Two senders on two instances: only each sender's own order is promised (on a cluster
        // the two publishes enter at different nodes), so each member is checked for both.
        Assert.Equal(["kept and published", "typing"], (await onFirst.ReceiveTextsAsync(2)).Order());
        Assert.Equal(["kept and published", "typing"], (await onSecond.ReceiveTextsAsync(2)).Order());
        Assert.Equal(2, await probe.CountSubscribersAsync(RedisProbes.Keys(Prefix, RedisPubSub.Classic).GroupChannel("lobby")));
        Assert.Equal(0, await probe.CountSubscribersAsync(RedisProbes.Keys(Prefix).GroupChannel("lobby")));
    }

    [ServerFact]
    public async Task EachMessageIsKeptInTheRoomStreamUnderItsId()
    {
        var bus = await NewServerAsync();
        await using var probe = await redis.ConnectProbeAsync();

        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            ids.Add((await bus.GroupSendAsync("archive", new MessageDraft("ada", $"{i}"))).Id);
        }

        var entries = await probe.GetDatabase().StreamRangeAsync(RedisProbes.Keys(Prefix).HistoryStream("archive"));
        Assert.Equal(ids, entries.Select(e => e.Id.ToString()));
    }

    [ServerFact]
    public async Task ARoomsChangesAreBoundedByTwiceWhatItsStreamKeeps()
    {
        var core = await StartCoreAsync(new Dictionary<string, string?> { ["History:Length"] = "10" });
        await using var probe = await redis.ConnectProbeAsync();

        for (int i = 0; i < 60; i++)
        {
            var said = await core.Bus.GroupSendAsync("edits", new MessageDraft("ada", $"{i}"));
            await core.Bus.GroupSendAsync("edits", new MessageDraft("ada", $"{i}, edited", MessageKind.Edit, Target: said.Id));
        }

        // Each change names a message; those of messages trimmed from the stream go once there are 20.
        Assert.InRange(await probe.GetDatabase().HashLengthAsync(RedisProbes.Keys(Prefix).Changes("edits")), 1, 21);
        // The newest two are the last message and its edit: the message reads edited.
        Assert.Equal("59, edited", (await core.History.ReadAsync("edits", null, 2)).Messages[0].Text);
    }

    [ServerFact]
    public async Task MarkupIsKeptInTheRoomStreamAtAboutItsOwnSize()
    {
        var bus = await NewServerAsync();
        await using var probe = await redis.ConnectProbeAsync();
        var markup = string.Concat(Enumerable.Repeat("<>&", 1366))[..4096];

        await bus.GroupSendAsync("markup", new MessageDraft("ada", markup));

        // The default encoder would write each character as a six-byte \u escape: 24 KB kept for 4 KB said.
        byte[] stored = (byte[])Assert.Single(await probe.GetDatabase().StreamRangeAsync(RedisProbes.Keys(Prefix).HistoryStream("markup")))["m"]!;
        Assert.True(stored.Length < markup.Length + 200, $"{markup.Length} bytes of text were stored as {stored.Length}.");
        Assert.Equal(markup, System.Text.Json.JsonDocument.Parse(stored).RootElement.GetProperty("text").GetString());
    }

    [ServerFact]
    public async Task ARoomsStreamExpiresAfterTheIdleTimeUnlessAnotherMessageComes()
    {
        var bus = (await StartCoreAsync(new Dictionary<string, string?> { ["History:IdleRoomTtlSeconds"] = "600" })).Bus;
        await using var probe = await redis.ConnectProbeAsync();

        await bus.GroupSendAsync("fading", new MessageDraft("ada", "going, going"));

        var ttl = await probe.GetDatabase().KeyTimeToLiveAsync(RedisProbes.Keys(Prefix).HistoryStream("fading"));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(590), TimeSpan.FromSeconds(600));
    }

    [ServerFact]
    public async Task HistoryIsTrimmedToAboutItsLength()
    {
        var bus = (await StartCoreAsync(new Dictionary<string, string?> { ["History:Length"] = "10" })).Bus;
        await using var probe = await redis.ConnectProbeAsync();

        for (int i = 0; i < 500; i++)
        {
            await bus.GroupSendAsync("short", new MessageDraft("ada", $"{i}"));
        }

        // MAXLEN ~ trims whole macro nodes (100 entries each by default), never below the length.
        long length = await probe.GetDatabase().StreamLengthAsync(RedisProbes.Keys(Prefix).HistoryStream("short"));
        Assert.InRange(length, 10, 200);
    }

    [ServerFact]
    public async Task UnreachableRedisRefusesSendsAndJoinsWithBusUnavailable()
    {
        var stopped = await RedisServer.StartAsync();
        var connectionString = stopped.ConnectionString;
        await stopped.DisposeAsync();
        await using var core = ChatCore.Start(TestServices.OnRedis(connectionString + ",connectTimeout=500,asyncTimeout=1000", Prefix));
        var bus = core.Bus;

        Assert.False(bus.IsAvailable);
        await Assert.ThrowsAsync<BusUnavailableException>(() => bus.GroupSendAsync("lobby", new MessageDraft("ada", "lost?")));
        await Assert.ThrowsAsync<BusUnavailableException>(() => bus.GroupAddAsync("lobby", new TestMember("1")));
        Assert.Equal(0, bus.CountLocalMembers("lobby"));
    }
}

[Requires(RedisServer.Executable)]
public sealed class SingleRedisGroupBusTests(RedisProvider redis) : RedisGroupBusTests(redis), IClassFixture<RedisProvider>;

[Requires(RedisServer.Executable)]
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterGroupBusTests(RedisClusterProvider cluster) : RedisGroupBusTests(cluster);
