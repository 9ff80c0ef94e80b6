using BlazorChat.Bus;
using BlazorChat.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BlazorChat.Rooms;

/// <summary>
/// Where an identity stands in a room: open to all (a room without a record, as every room was
/// before accounts, or one created open), private and a member with a role, or banned. Each room's
/// record is cached for <see cref="CacheTime"/>, at most <see cref="CacheSize"/> user ids in all.
/// </summary>
/// <remarks>
/// Every change made through <see cref="RoomAdmin"/> publishes a <see cref="ConnectionCommand"/>
/// for its room, and each instance forgets that room when the command arrives, so a ban or an
/// invite counts on every instance as soon as the bus carries it. The cache time bounds how stale
/// an instance can be if a command is lost (Redis down as it was sent). Made on first use, not at
/// start: an instance that has not made it yet has nothing cached to be stale.
/// </remarks>
public sealed class RoomAccess : IDisposable
{
    /// <summary>How long an instance trusts what it read of a room.</summary>
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(5);

    /// <summary>The cache's bound: a room counts one, and one more for each member and ban it holds.</summary>
    public const long CacheSize = 100_000;

    private readonly IServiceScopeFactory _scopes;
    private readonly IControlChannel _channel;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheSize });

    // Bumped by every Forget: a read that began before it may hold the old record, and is not kept.
    private long _generation;

    public RoomAccess(IServiceScopeFactory scopes, IControlChannel channel)
    {
        (_scopes, _channel) = (scopes, channel);
        _channel.Received += OnCommand;
    }

    /// <summary>Where <paramref name="identity"/> stands in <paramref name="room"/>.</summary>
    /// <exception cref="System.Data.Common.DbException">The database could not be read (see <see cref="Data.DatabaseErrors"/>).</exception>
    public async Task<RoomStanding> StandingAsync(string room, ChatIdentity identity, CancellationToken cancellationToken = default) =>
        (await RulesAsync(room, cancellationToken)).StandingOf(identity);

    /// <summary>Drops what this instance cached of <paramref name="room"/>, after a change made here.</summary>
    public void Forget(string room)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(room);
    }

    private async Task<RoomRules> RulesAsync(string room, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(room, out RoomRules? cached))
        {
            return cached!;
        }

        long generation = Volatile.Read(ref _generation);
        var rules = await ReadAsync(room, cancellationToken);
        if (Volatile.Read(ref _generation) == generation)
        {
            _cache.Set(room, rules, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheTime, Size = rules.Size });
        }

        return rules;
    }

    private async Task<RoomRules> ReadAsync(string room, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var record = await db.Rooms.AsNoTracking().Where(r => r.Name == room).Select(r => new { r.IsPrivate }).SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return RoomRules.Open;
        }

        // Three small queries rather than one join, which would return members × bans rows.
        var members = await db.RoomMembers.AsNoTracking().Where(m => m.Room == room).ToDictionaryAsync(m => m.UserId, m => m.Role, cancellationToken);
        var bans = await db.RoomBans.AsNoTracking().Where(b => b.Room == room).Select(b => b.UserId).ToListAsync(cancellationToken);
        return new RoomRules(record.IsPrivate, members, bans.ToHashSet(StringComparer.Ordinal));
    }

    private void OnCommand(ConnectionCommand command)
    {
        if (command.Room is { } room)
        {
            Forget(room);
        }
    }

    public void Dispose()
    {
        _channel.Received -= OnCommand;
        _cache.Dispose();
    }
}
