using BlazorChat.Presence;
using BlazorChat.Rooms;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Presence;

/// <summary>The presence store the app composes on each provider, used directly.</summary>
public abstract class PresenceStoreTests(IChatProvider provider) : ProviderTests(provider)
{
    [ServerFact]
    public async Task ManyRoomsAreListedAsTheBiggestUpToTheCapBiggestFirst()
    {
        var core = await StartCoreAsync();
        var store = core.Get<IPresenceStore>();
        const int rooms = 300;
        // Room i has 1 to 5 members; ties are listed by name.
        var expected = Enumerable.Range(0, rooms)
            .Select(i => new RoomSummary($"room{i:D3}", 1 + (i % 5)))
            .OrderByDescending(r => r.Members).ThenBy(r => r.Group, StringComparer.Ordinal)
            .Take(IPresenceStore.MaxListedRooms)
            .ToList();
        await Task.WhenAll(Enumerable.Range(0, rooms).SelectMany(i => Enumerable.Range(0, 1 + (i % 5)).Select(m =>
            store.AddAsync($"room{i:D3}", new PresenceEntry($"m{i}-{m}", $"guest{m}", ConnectionKind.Socket, DateTimeOffset.UtcNow))))).DefaultTimeout();

        var listed = await store.ListRoomsAsync().DefaultTimeout();

        Assert.Equal(100, IPresenceStore.MaxListedRooms);
        Assert.Equal(expected, listed);
    }
}

public sealed class MemoryPresenceStoreTests(MemoryProvider provider) : PresenceStoreTests(provider), IClassFixture<MemoryProvider>;

/// <summary>The store on Redis, one server or a cluster.</summary>
public abstract class RedisPresenceStoreTests(IRedisProvider redis) : PresenceStoreTests(redis)
{
    [ServerFact]
    public async Task AnInstancesRoomsAreWhereItHasMembersNowNotEveryRoomItEverHad()
    {
        var core = await StartCoreAsync();
        var store = (RedisPresenceStore)core.Get<IPresenceStore>();
        for (int i = 0; i < 50; i++)
        {
            var entry = new PresenceEntry($"m{i}", "hopper", ConnectionKind.Socket, DateTimeOffset.UtcNow);
            await store.AddAsync($"hop{i}", entry);
            await store.RemoveAsync($"hop{i}", entry.MemberId);
        }

        await store.AddAsync("stay", new PresenceEntry("stayer", "ada", ConnectionKind.Socket, DateTimeOffset.UtcNow));
        await ((IPresenceMaintenance)store).HeartbeatAsync(CancellationToken.None);

        await using var probe = await redis.ConnectProbeAsync();
        var rooms = await probe.GetDatabase().SetMembersAsync(RedisProbes.Keys(Prefix).InstanceRooms(store.InstanceId));
        Assert.Equal(["stay"], rooms.Select(r => r.ToString()));
    }
}

[Requires(RedisServer.Executable)]
public sealed class SingleRedisPresenceStoreTests(RedisProvider redis) : RedisPresenceStoreTests(redis), IClassFixture<RedisProvider>;

[Requires(RedisServer.Executable)]
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterPresenceStoreTests(RedisClusterProvider cluster) : RedisPresenceStoreTests(cluster);
