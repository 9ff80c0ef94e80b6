using BlazorChat.Data;

namespace BlazorChat.Rooms;

/// <summary>
/// One room's record as <see cref="RoomAccess"/> caches it: private or not, who is a member with
/// which role, who is banned. A room without a record has <see cref="Open"/>.
/// </summary>
internal sealed record RoomRules(bool IsPrivate, IReadOnlyDictionary<string, RoomRole> Members, IReadOnlySet<string> Banned)
{
    public static RoomRules Open { get; } = new(false, new Dictionary<string, RoomRole>(), new HashSet<string>());

    /// <summary>What the entry costs in the cache: one for the room, one for each user id it holds.</summary>
    public long Size => 1 + Members.Count + Banned.Count;

    public RoomStanding StandingOf(ChatIdentity identity) => identity.UserId is { } id
        ? new(IsPrivate, Members.TryGetValue(id, out var role) ? role : null, Banned.Contains(id))
        : new(IsPrivate, null, false);
}
