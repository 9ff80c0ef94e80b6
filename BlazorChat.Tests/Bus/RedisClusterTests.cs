using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.Admin;
using BlazorChat.Chat;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using StackExchange.Redis;

namespace BlazorChat.Tests.Bus;

/// <summary>What only a Redis Cluster can show: where the keys fall, and instances that share rooms across its shards.</summary>
[Requires(RedisServer.Executable)]
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterTests(RedisClusterProvider cluster) : ProviderTests(cluster)
{
    private const string RegistryTag = ":registry";

    [ServerFact]
    public async Task EveryKeyOfARoomAndItsChannelShareOneSlotApartFromTheRegistry()
    {
        var core = await StartCoreAsync();
        var store = core.Get<IPresenceStore>();
        string[] rooms = ["lobby", "Café_日本"];
        foreach (var room in rooms)
        {
            await store.AddAsync(room, new PresenceEntry($"{room}-m", "ada", ConnectionKind.Socket, DateTimeOffset.UtcNow));
            await core.Bus.GroupAddAsync(room, new TestMember(room));
            var said = await core.Bus.GroupSendAsync(room, new MessageDraft("ada", "hello", Key: "k{1}"));
            await core.Bus.GroupSendAsync(room, new MessageDraft("ada", "hello again", MessageKind.Edit, Target: said.Id));
        }

        await using var probe = await cluster.ConnectProbeAsync();
        var db = probe.GetDatabase();
        var keys = new List<string>();
        foreach (var server in probe.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: $"{Prefix}:*"))
            {
                keys.Add(key!);
            }
        }

        // Each key is tagged with its room or the registry, and falls in that tag's slot.
        var byTag = keys.GroupBy(key => key[(key.IndexOf('{') + 1)..key.IndexOf('}')]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(rooms.Append(RegistryTag).Order(StringComparer.Ordinal), byTag.Keys.Order(StringComparer.Ordinal));
        var names = RedisProbes.Keys(Prefix);
        var slots = new Dictionary<string, long>();
        foreach (var (tag, tagged) in byTag)
        {
            slots[tag] = await KeySlotAsync(db, $"{{{tag}}}");
            foreach (var key in tagged)
            {
                Assert.Equal(slots[tag], await KeySlotAsync(db, key));
            }
        }

        foreach (var room in rooms)
        {
            // The room's keys as the app names them are the ones Redis holds, the client's key with
            // its own braces included.
            Assert.Equal(
                new[] { names.HistoryStream(room), names.Changes(room), names.SendKey(room, "k{1}"), names.Presence(room) }.Select(k => k.ToString()).Order(StringComparer.Ordinal),
                byTag[room].Order(StringComparer.Ordinal));
            var channel = names.GroupChannel(room);
            Assert.Equal(slots[room], await KeySlotAsync(db, channel.ToString()));

            // The room's one subscription is a shard channel, held on the master that owns its slot.
            var owner = probe.GetServer((await db.IdentifyEndpointAsync(names.HistoryStream(room)))!);
            Assert.Equal(1, (long)((RedisResult[])(await owner.ExecuteAsync("PUBSUB", "SHARDNUMSUB", channel.ToString()))!)[1]);
        }

        Assert.DoesNotContain(slots[RegistryTag], rooms.Select(room => slots[room]));
    }

    [ServerFact]
    public async Task TwoInstancesOnTheClusterShareARoomItsHistoryAndItsListing()
    {
        await using var first = await StartServerAsync();
        await using var second = await StartServerAsync();
        await using var ada = await WsClient.ConnectAsync(first.WebSocketUri("ws/lobby/?name=ada"));
        await using var bob = await WsClient.ConnectAsync(second.WebSocketUri("ws/lobby/?name=bob"));

        for (int i = 0; i < 5; i++)
        {
            await ada.SendTextAsync($"ada {i}");
            await bob.SendTextAsync($"bob {i}");
        }

        // Each sender's order holds on both instances, whatever the two interleave to.
        foreach (var reader in new[] { ada, bob })
        {
            var texts = await reader.ReceiveTextsAsync(10);
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"ada {i}"), texts.Where(t => t.StartsWith("ada", StringComparison.Ordinal)));
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"bob {i}"), texts.Where(t => t.StartsWith("bob", StringComparison.Ordinal)));
        }

        using var http = second.CreateHttpClient();
        var history = await http.GetFromJsonAsync<JsonElement>("/api/rooms/lobby/messages");
        Assert.Equal(10, history.GetProperty("messages").GetArrayLength());
        await Wait.UntilAsync(async () => (await http.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
                .Any(room => room.GetProperty("group").GetString() == "lobby" && room.GetProperty("members").GetInt32() == 2),
            "the room is listed with its two members, one on each instance");
    }

    [ServerFact]
    public async Task TheAdminConsoleOfOneInstanceListsAndRemovesASocketOnAnother()
    {
        await using var console = await StartServerAsync(new Dictionary<string, string?> { ["Admin:Key"] = "correct-horse-battery-staple" });
        await using var other = await StartServerAsync();
        await using var far = await WsClient.ConnectAsync(other.WebSocketUri("ws/faraway/?name=far"));
        var admin = console.Get<AdminConsole>();

        IReadOnlyList<InstanceConnections> listed = [];
        await Wait.UntilAsync(async () => (listed = await admin.OtherInstancesAsync()).Any(i => i.Connections.Any(c => c.Name == "far")),
            "the other instance lists its socket");
        var holder = Assert.Single(listed);
        Assert.Contains(other.BaseUri.Authority, holder.InstanceName);
        Assert.Equal(KickOutcome.Requested, await admin.KickAsync(holder, Assert.Single(holder.Connections), "spamming from afar"));

        var (status, description) = await far.ReceiveCloseAsync();
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("removed by an administrator: spamming from afar", description);
    }

    private static async Task<long> KeySlotAsync(IDatabase db, string key) => (long)await db.ExecuteAsync("CLUSTER", "KEYSLOT", key);
}
