using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorChat.Bus;
using BlazorChat.Bus.Redis;
using BlazorChat.Rooms;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Presence;

/// <summary>
/// Presence shared by every instance on one Redis or one Redis Cluster, in the keys
/// <see cref="RedisKeys"/> names: each room's hash of members (in the room's slot), and the
/// registry (a slot of its own): the instances scored by heartbeat, and each instance's rooms,
/// whose union is the room list. No command, script or transaction touches a room's hash and the
/// registry together, so nothing crosses slots: a join writes the registry's part first, then the
/// room's (see <see cref="AddAsync"/>).
/// Answers leave out entries of instances whose heartbeat is older than the timeout, so a dead
/// instance's members disappear within it even before <see cref="SweepAsync"/> deletes them.
/// </summary>
/// <remarks>
/// Redis is not the only copy of this instance's own members: the store keeps in memory the
/// entries it added and has not removed, and every heartbeat writes them all again. So an
/// instance that was taken for dead (it was paused, or cut off) or a Redis that restarted empty
/// has them back within one beat, and nobody has to reconnect.
/// </remarks>
public sealed class RedisPresenceStore : IPresenceStore, IPresenceMaintenance
{
    // KEYS[1] the instances; ARGV[1] the instance, ARGV[2] the cut-off score. Takes a dead instance
    // off the list only if it is still dead: one that heartbeated since it was read is left alone.
    private const string ClaimScript = """
        local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if score and tonumber(score) <= tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
        return 0
        """;

    private const string Failure = "Presence is unavailable: Redis cannot be reached.";

    // This instance's own members, as written to Redis: what each heartbeat writes again.
    private readonly ConcurrentDictionary<(string Group, string MemberId), byte[]> _local = new();

    // Members removed here whose removal did not reach Redis (it was down): each heartbeat tries again.
    private readonly ConcurrentDictionary<(string Group, string MemberId), byte> _unremoved = new();

    private readonly Lock _beatLock = new();
    private long? _lastBeat;
    private long? _beatingSince;

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public RedisPresenceStore(RedisConnection connection, RedisKeys keys, InstanceIdentity instance, IOptions<PresenceOptions> presence, TimeProvider time)
    {
        InstanceId = instance.Id;
        _connection = connection;
        _keys = keys;
        _time = time;
        _timeout = TimeSpan.FromSeconds(presence.Value.InstanceTimeoutSeconds);
    }

    /// <summary>This process's id among the instances.</summary>
    public string InstanceId { get; }

    private RedisKey Instances => _keys.Instances;

    private RedisKey Room(string group) => _keys.Presence(group);

    private RedisKey InstanceRooms(string instance) => _keys.InstanceRooms(instance);

    public async Task AddAsync(string group, PresenceEntry entry, CancellationToken cancellationToken = default)
    {
        var stored = new StoredEntry(entry.Name, entry.Kind, entry.Since, InstanceId);
        var payload = JsonSerializer.SerializeToUtf8Bytes(stored, PresenceJsonContext.Default.StoredEntry);
        // Kept before Redis is asked, so an entry added while Redis is down is written by the next
        // heartbeat that reaches it.
        _local[(group, entry.MemberId)] = payload;
        _unremoved.TryRemove((group, entry.MemberId), out _);
        var db = await DatabaseAsync(cancellationToken);
        // The registry first (one transaction in its slot), then the room's hash (in the room's):
        // an entry is only ever written where its instance's rooms already name the room, so a
        // sweep after this instance dies always finds it.
        var registry = db.CreateTransaction();
        _ = registry.SortedSetAddAsync(Instances, InstanceId, Now());
        _ = registry.SetAddAsync(InstanceRooms(InstanceId), group);
        await Run(() => registry.ExecuteAsync());
        await Run(() => db.HashSetAsync(Room(group), entry.MemberId, payload));
    }

    public async Task RemoveAsync(string group, string memberId, CancellationToken cancellationToken = default)
    {
        // Forgotten here first: a heartbeat that has already sent this entry again checks, once
        // its write is done, and deletes it after that write (see HeartbeatAsync).
        _local.TryRemove((group, memberId), out _);
        try
        {
            var db = await DatabaseAsync(cancellationToken);
            await Run(() => db.HashDeleteAsync(Room(group), memberId));
        }
        catch (BusUnavailableException)
        {
            _unremoved[(group, memberId)] = 0;
            throw;
        }
    }

    /// <summary>The room's members on live instances, in one round trip: the live instances and the room's hash, pipelined.</summary>
    public async Task<IReadOnlyList<PresenceEntry>> ListAsync(string group, CancellationToken cancellationToken = default)
    {
        var db = await DatabaseAsync(cancellationToken);
        var (live, fields) = await Run(async () =>
        {
            var instances = LiveInstancesAsync(db);
            var members = db.HashGetAllAsync(Room(group));
            return (await instances, await members);
        });
        return [.. Read(fields).Where(e => live.Contains(e.Stored.Instance)).Select(e => e.Entry)];
    }

    /// <summary>
    /// The biggest rooms, at most <see cref="IPresenceStore.MaxListedRooms"/>, in three round trips
    /// whatever their number: the live instances, the union of their rooms (one SUNION in the
    /// registry's slot), then every room's members in one pipelined batch. A room an instance has
    /// just left may be in its set until its next heartbeat; it counts no member and is left out.
    /// </summary>
    public async Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken = default)
    {
        var db = await DatabaseAsync(cancellationToken);
        var live = await LiveInstancesAsync(db);
        if (live.Count == 0)
        {
            return [];
        }

        var groups = await Run(() => db.SetCombineAsync(SetOperation.Union, [.. live.Select(InstanceRooms)]));
        var members = await Run(() => Task.WhenAll(groups.Select(group => db.HashGetAllAsync(Room(group!)))));
        return [.. groups
            .Select((group, i) => new RoomSummary(group!, Read(members[i]).Count(e => live.Contains(e.Stored.Instance))))
            .Where(room => room.Members > 0)
            .OrderByDescending(room => room.Members).ThenBy(room => room.Group, StringComparer.Ordinal)
            .Take(IPresenceStore.MaxListedRooms)];
    }

    /// <summary>
    /// Says this instance is alive, and writes all of its own members again (one round trip: the
    /// registry's transaction and one write per room of this instance's): after Redis lost them (a
    /// restart without its data) or another instance swept them (this one was paused past the
    /// timeout), they are back at once.
    /// Removals that failed while Redis was away are made here too.
    /// </summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var db = await DatabaseAsync(cancellationToken);
            var written = _local.ToArray();
            var removals = _unremoved.Keys.ToArray();
            await Run(() => WriteAsync(db, written, removals, beat: true));
            foreach (var key in removals)
            {
                _unremoved.TryRemove(key, out _);
            }

            // What changed here while that write was on its way is put right after it: a member
            // removed meanwhile, whose own delete may have reached Redis before this rewrite, is
            // deleted again; one added again is written again.
            var rewrite = new List<KeyValuePair<(string Group, string MemberId), byte[]>>();
            var delete = new List<(string Group, string MemberId)>();
            foreach (var (key, payload) in written)
            {
                if (!_local.TryGetValue(key, out var now))
                {
                    delete.Add(key);
                }
                else if (!ReferenceEquals(now, payload))
                {
                    rewrite.Add(new(key, now));
                }
            }

            // An entry added while the beat was on its way may have had its room put in this
            // instance's set just before the beat made the set anew without it: written again.
            var sent = written.Select(e => e.Key).ToHashSet();
            foreach (var (key, now) in _local)
            {
                if (!sent.Contains(key))
                {
                    rewrite.Add(new(key, now));
                }
            }

            if (rewrite.Count > 0 || delete.Count > 0)
            {
                try
                {
                    await Run(() => WriteAsync(db, rewrite, delete, beat: false));
                }
                catch (BusUnavailableException)
                {
                    foreach (var key in delete)
                    {
                        _unremoved[key] = 0;
                    }

                    throw;
                }
            }

            RecordBeat(succeeded: true);
        }
        catch (BusUnavailableException)
        {
            RecordBeat(succeeded: false);
            throw;
        }
    }

    /// <summary>
    /// Deletes the entries of instances that stopped heartbeating, and returns them (with their
    /// rooms) so their leaving can be announced. Of several live instances sweeping at once, only
    /// the one whose claim takes a dead instance off the list cleans up after it; an instance that
    /// heartbeated since it was read is not claimed.
    /// </summary>
    /// <remarks>
    /// Nothing is swept unless this instance itself has heartbeated without a failure or a gap for
    /// a whole timeout: just after an outage or a pause of its own, every other instance looks dead
    /// to it only because none of them could reach Redis either, and they are about to say otherwise.
    /// </remarks>
    public async Task<IReadOnlyList<(string Group, PresenceEntry Entry)>> SweepAsync(CancellationToken cancellationToken)
    {
        if (!MaySweep())
        {
            return [];
        }

        var db = await DatabaseAsync(cancellationToken);
        var removed = new List<(string, PresenceEntry)>();
        double cutoff = Now() - _timeout.TotalMilliseconds;
        var dead = await Run(() => db.SortedSetRangeByScoreAsync(Instances, double.NegativeInfinity, cutoff));
        foreach (var instance in dead)
        {
            if ((long)await Run(() => db.ScriptEvaluateAsync(ClaimScript, [Instances], [instance, cutoff])) == 0)
            {
                continue;
            }

            // A few round trips per dead instance, not one per member: its rooms, their members in
            // one batch, the removals in another.
            var groups = await Run(() => db.SetMembersAsync(InstanceRooms(instance!)));
            var rooms = await Run(() => Task.WhenAll(groups.Select(group => db.HashGetAllAsync(Room(group!)))));
            var theirs = groups
                .SelectMany((group, i) => Read(rooms[i]).Where(e => e.Stored.Instance == instance).Select(e => (Group: group.ToString(), e.Id, e.Entry)))
                .ToList();
            await Run(() => Task.WhenAll(theirs.Select(e => db.HashDeleteAsync(Room(e.Group), e.Id))));
            removed.AddRange(theirs.Select(e => (e.Group, e.Entry)));
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

    /// <summary>
    /// The registry's part in one transaction (with <paramref name="beat"/> this instance's score;
    /// the entries' rooms in this instance's set), then the entries and the removals, one command
    /// per room: all sent at once, one round trip.
    /// </summary>
    private async Task WriteAsync(
        IDatabase db, IReadOnlyCollection<KeyValuePair<(string Group, string MemberId), byte[]>> entries, IReadOnlyCollection<(string Group, string MemberId)> removals, bool beat)
    {
        var registry = db.CreateTransaction();
        if (beat)
        {
            // A beat writes all of this instance's entries, so its rooms set is made anew from
            // them: rooms it no longer has members in drop out, and the set never only grows.
            _ = registry.SortedSetAddAsync(Instances, InstanceId, Now());
            _ = registry.KeyDeleteAsync(InstanceRooms(InstanceId));
        }

        var rooms = entries.GroupBy(e => e.Key.Group, StringComparer.Ordinal).ToList();
        if (rooms.Count > 0)
        {
            _ = registry.SetAddAsync(InstanceRooms(InstanceId), [.. rooms.Select(room => (RedisValue)room.Key)]);
        }

        var writes = new List<Task> { registry.ExecuteAsync() };
        writes.AddRange(rooms.Select(room => db.HashSetAsync(Room(room.Key), [.. room.Select(e => new HashEntry(e.Key.MemberId, e.Value))])));
        writes.AddRange(removals.Select(r => db.HashDeleteAsync(Room(r.Group), r.MemberId)));
        await Task.WhenAll(writes);
    }

    /// <summary>Notes how the heartbeat went: a failure, or a gap longer than the timeout since the last success, starts the count again.</summary>
    private void RecordBeat(bool succeeded)
    {
        long now = (long)Now();
        lock (_beatLock)
        {
            if (!succeeded)
            {
                (_lastBeat, _beatingSince) = (null, null);
                return;
            }

            if (_lastBeat is not { } last || now - last > _timeout.TotalMilliseconds)
            {
                _beatingSince = now;
            }

            _lastBeat = now;
        }
    }

    /// <summary>Whether this instance has heartbeated, without a failure or a gap, for a whole timeout up to now.</summary>
    private bool MaySweep()
    {
        long now = (long)Now();
        lock (_beatLock)
        {
            return _beatingSince is { } since && _lastBeat is { } last
                && now - since >= _timeout.TotalMilliseconds && now - last <= _timeout.TotalMilliseconds;
        }
    }

    private Task<HashSet<string>> LiveInstancesAsync(IDatabase db) => Run(async () =>
    {
        var live = await db.SortedSetRangeByScoreAsync(Instances, Now() - _timeout.TotalMilliseconds, double.PositiveInfinity);
        return live.Select(v => v.ToString()).ToHashSet(StringComparer.Ordinal);
    });

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

    private static Task Run(Func<Task> operation) => RedisErrors.RunAsync(operation, Failure);

    internal sealed record StoredEntry(string Name, ConnectionKind Kind, DateTimeOffset Since, string Instance);
}

[JsonSerializable(typeof(RedisPresenceStore.StoredEntry))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class PresenceJsonContext : JsonSerializerContext;
