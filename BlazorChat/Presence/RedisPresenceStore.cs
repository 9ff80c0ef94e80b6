using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorChat.Bus.Redis;
using BlazorChat.Rooms;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Presence;

/// <summary>
/// Presence shared by every instance on one Redis, in the keys <see cref="RedisKeys"/> names: each
/// room's hash of members, the set of rooms, the instances scored by heartbeat, and each
/// instance's rooms.
/// Answers leave out entries of instances whose heartbeat is older than the timeout, so a dead
/// instance's members disappear within it even before <see cref="SweepAsync"/> deletes them.
/// </summary>
public sealed class RedisPresenceStore : IPresenceStore, IPresenceMaintenance
{
    // KEYS[1] the room's hash, KEYS[2] the set of rooms; ARGV[1] the member id, ARGV[2] the room.
    // Removing the room from the set only when its hash is empty, atomically, never loses an add.
    private const string RemoveScript = """
        redis.call('HDEL', KEYS[1], ARGV[1])
        if redis.call('HLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[2]) end
        return 1
        """;

    private const string Failure = "Presence is unavailable: Redis cannot be reached.";

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public RedisPresenceStore(RedisConnection connection, RedisKeys keys, IOptions<PresenceOptions> presence, TimeProvider time)
    {
        _connection = connection;
        _keys = keys;
        _time = time;
        _timeout = TimeSpan.FromSeconds(presence.Value.InstanceTimeoutSeconds);
    }

    /// <summary>This process's id among the instances.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    private RedisKey Rooms => _keys.Rooms;

    private RedisKey Instances => _keys.Instances;

    private RedisKey Room(string group) => _keys.Presence(group);

    private RedisKey InstanceRooms(string instance) => _keys.InstanceRooms(instance);

    public async Task AddAsync(string group, PresenceEntry entry, CancellationToken cancellationToken = default)
    {
        var db = await DatabaseAsync(cancellationToken);
        var stored = new StoredEntry(entry.Name, entry.Kind, entry.Since, InstanceId);
        var transaction = db.CreateTransaction();
        _ = transaction.SortedSetAddAsync(Instances, InstanceId, Now());
        _ = transaction.HashSetAsync(Room(group), entry.MemberId, JsonSerializer.SerializeToUtf8Bytes(stored, PresenceJsonContext.Default.StoredEntry));
        _ = transaction.SetAddAsync(Rooms, group);
        _ = transaction.SetAddAsync(InstanceRooms(InstanceId), group);
        await Run(() => transaction.ExecuteAsync());
    }

    public async Task RemoveAsync(string group, string memberId, CancellationToken cancellationToken = default)
    {
        var db = await DatabaseAsync(cancellationToken);
        await Run(() => db.ScriptEvaluateAsync(RemoveScript, [Room(group), Rooms], [memberId, group]));
    }

    public async Task<IReadOnlyList<PresenceEntry>> ListAsync(string group, CancellationToken cancellationToken = default)
    {
        var db = await DatabaseAsync(cancellationToken);
        var live = await LiveInstancesAsync(db);
        var fields = await Run(() => db.HashGetAllAsync(Room(group)));
        return [.. Read(fields).Where(e => live.Contains(e.Stored.Instance)).Select(e => e.Entry)];
    }

    public async Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default)
    {
        var db = await DatabaseAsync(cancellationToken);
        var live = await LiveInstancesAsync(db);
        var rooms = new List<RoomSummary>();
        foreach (var group in await Run(() => db.SetMembersAsync(Rooms)))
        {
            var fields = await Run(() => db.HashGetAllAsync(Room(group!)));
            int members = Read(fields).Count(e => live.Contains(e.Stored.Instance));
            if (members > 0)
            {
                rooms.Add(new RoomSummary(group!, members));
            }
        }

        return [.. rooms.OrderByDescending(r => r.Members).ThenBy(r => r.Group, StringComparer.Ordinal)];
    }

    /// <summary>Says this instance is alive.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var db = await DatabaseAsync(cancellationToken);
        await Run(() => db.SortedSetAddAsync(Instances, InstanceId, Now()));
    }

    /// <summary>
    /// Deletes the entries of instances that stopped heartbeating, and returns them (with their
    /// rooms) so their leaving can be announced. Of several live instances sweeping at once, only
    /// the one whose ZREM takes a dead instance out cleans up after it.
    /// </summary>
    public async Task<IReadOnlyList<(string Group, PresenceEntry Entry)>> SweepAsync(CancellationToken cancellationToken)
    {
        var db = await DatabaseAsync(cancellationToken);
        var removed = new List<(string, PresenceEntry)>();
        var dead = await Run(() => db.SortedSetRangeByScoreAsync(Instances, double.NegativeInfinity, Now() - _timeout.TotalMilliseconds));
        foreach (var instance in dead)
        {
            if (!await Run(() => db.SortedSetRemoveAsync(Instances, instance)))
            {
                continue;
            }

            foreach (var group in await Run(() => db.SetMembersAsync(InstanceRooms(instance!))))
            {
                foreach (var (id, stored, entry) in Read(await Run(() => db.HashGetAllAsync(Room(group!)))))
                {
                    if (stored.Instance == instance)
                    {
                        await Run(() => db.ScriptEvaluateAsync(RemoveScript, [Room(group!), Rooms], [id, group]));
                        removed.Add((group!, entry));
                    }
                }
            }

            await Run(() => db.KeyDeleteAsync(InstanceRooms(instance!)));
        }

        return removed;
    }

    /// <summary>Takes this instance off the list at a clean shutdown; its members have left by then.</summary>
    public async Task RetireAsync(CancellationToken cancellationToken)
    {
        var db = await DatabaseAsync(cancellationToken);
        await Run(() => db.SortedSetRemoveAsync(Instances, InstanceId));
        await Run(() => db.KeyDeleteAsync(InstanceRooms(InstanceId)));
    }

    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<HashSet<string>> LiveInstancesAsync(IDatabase db)
    {
        var live = await Run(() => db.SortedSetRangeByScoreAsync(Instances, Now() - _timeout.TotalMilliseconds, double.PositiveInfinity));
        return [.. live.Select(v => v.ToString())];
    }

    private static IEnumerable<(string Id, StoredEntry Stored, PresenceEntry Entry)> Read(HashEntry[] fields)
    {
        foreach (var field in fields)
        {
            var stored = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)field.Value).Span, PresenceJsonContext.Default.StoredEntry);
            if (stored is not null)
            {
                yield return (field.Name!, stored, new PresenceEntry(field.Name!, stored.Name, stored.Kind, stored.Since));
            }
        }
    }

    private async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken) =>
        await Run(async () => (await _connection.GetAsync(cancellationToken)).GetDatabase());

    private static Task<T> Run<T>(Func<Task<T>> operation) => RedisErrors.RunAsync(operation, Failure);

    internal sealed record StoredEntry(string Name, ConnectionKind Kind, DateTimeOffset Since, string Instance);
}

[JsonSerializable(typeof(RedisPresenceStore.StoredEntry))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class PresenceJsonContext : JsonSerializerContext;
