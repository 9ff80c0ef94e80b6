using System.Text.Json;
using BlazorChat.Bus;
using BlazorChat.Bus.Redis;
using BlazorChat.Chat;
using BlazorChat.Presence;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Admin;

/// <summary>
/// The connections of every instance on one Redis or one Redis Cluster: each instance keeps a
/// snapshot of its own under <see cref="RedisKeys.InstanceConnections"/>, expiring after
/// <c>Presence:InstanceTimeoutSeconds</c> unless written again, so an instance that died drops out
/// of every console within that time, whether or not anyone sweeps up after it. The instances are
/// found in the registry (<see cref="RedisKeys.Instances"/>); all of it lives in the registry's
/// slot, so one MGET reads every snapshot, even on a cluster.
/// </summary>
internal sealed class RedisConnectionDirectory(
    RedisConnection connection,
    RedisKeys keys,
    InstanceIdentity instance,
    IOptions<PresenceOptions> presence,
    ILogger<RedisConnectionDirectory> logger) : IConnectionDirectory, IConnectionSnapshots
{
    private const string Failure = "The other instances' connections are unavailable: Redis cannot be reached.";

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(presence.Value.InstanceTimeoutSeconds);

    public async Task<IReadOnlyList<InstanceConnections>> OtherInstancesAsync(CancellationToken cancellationToken = default)
    {
        var db = (await connection.GetAsync(cancellationToken)).GetDatabase();
        return await RedisErrors.RunAsync(async () =>
        {
            // Every instance the registry still names, dead ones too until they are swept: the
            // snapshot's expiry, not the registry, says which are alive.
            var others = (await db.SortedSetRangeByRankAsync(keys.Instances))
                .Select(id => id.ToString())
                .Where(id => id != instance.Id)
                .ToList();
            if (others.Count == 0)
            {
                return [];
            }

            var snapshots = await db.StringGetAsync([.. others.Select(id => keys.InstanceConnections(id))]);
            return (IReadOnlyList<InstanceConnections>)[.. snapshots.Select(Read).OfType<InstanceConnections>().OrderBy(s => s.InstanceName, StringComparer.Ordinal)];
        }, Failure);
    }

    public async Task PublishAsync(InstanceConnections snapshot, CancellationToken cancellationToken)
    {
        var db = (await connection.GetAsync(cancellationToken)).GetDatabase();
        // The wire's encoder: names and rooms as UTF-8, not six bytes per character escaped.
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(snapshot, ChatJsonContext.Wire.InstanceConnections);
        await RedisErrors.RunAsync(() => db.StringSetAsync(keys.InstanceConnections(instance.Id), json, _lifetime), Failure);
    }

    public async Task WithdrawAsync(CancellationToken cancellationToken)
    {
        var db = (await connection.GetAsync(cancellationToken)).GetDatabase();
        await RedisErrors.RunAsync(() => db.KeyDeleteAsync(keys.InstanceConnections(instance.Id)), Failure);
    }

    private InstanceConnections? Read(RedisValue value)
    {
        if (value.IsNull)
        {
            // Expired: the instance stopped writing (it died), or it has not written yet.
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)value).Span, ChatJsonContext.Default.InstanceConnections);
        }
        catch (JsonException ex)
        {
            AdminLog.MalformedSnapshot(logger, ex);
            return null;
        }
    }
}
