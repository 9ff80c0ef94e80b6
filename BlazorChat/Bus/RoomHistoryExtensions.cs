using BlazorChat.Chat;

namespace BlazorChat.Bus;

public static class RoomHistoryExtensions
{
    /// <summary>
    /// What a member that last saw <paramref name="since"/> recovers, oldest first, at most
    /// <paramref name="limit"/> messages: everything after it when that fits, else the newest
    /// <paramref name="limit"/> with <see cref="RoomHistory.Recovered"/> false. The newest, not the
    /// oldest: the live messages follow them, so the one gap is where it is when the room no longer
    /// keeps the oldest (right after <paramref name="since"/>), never between recovered and live,
    /// and the client can fill it by paging the API from <paramref name="since"/>.
    /// </summary>
    /// <exception cref="BusUnavailableException">The transport could not be read.</exception>
    public static async Task<RoomHistory> ReadRecoveryAsync(this IRoomHistory history, string group, MessageId since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // One more than fits: a message at or before `since` among them means all after it fit.
        var messages = (await history.ReadAsync(group, null, limit + 1, cancellationToken)).Messages;
        int firstAfter = messages.Count;
        while (firstAfter > 0 && messages[firstAfter - 1].OrderId > since)
        {
            firstAfter--;
        }

        int after = messages.Count - firstAfter;
        if (firstAfter > 0)
        {
            // The room still keeps a message from before `since` (and no gaps), so nothing after it is lost.
            return new RoomHistory(messages.Skip(firstAfter).ToList(), Recovered: true);
        }

        if (after > limit)
        {
            return new RoomHistory(messages.Skip(after - limit).ToList(), Recovered: false);
        }

        // All the room keeps came after `since`, and fits: whether it starts right after `since`,
        // only the history can tell (Redis ids are not contiguous).
        return await history.ReadAsync(group, since, limit, cancellationToken);
    }

    /// <summary>
    /// The page of <paramref name="limit"/> kept messages before <paramref name="before"/>, oldest
    /// first, with their edits and deletes folded in: a reader scrolling back, on a page or the API.
    /// </summary>
    /// <exception cref="BusUnavailableException">The transport could not be read.</exception>
    public static async Task<IReadOnlyList<ChatMessage>> ReadOlderAsync(this IRoomHistory history, string group, MessageId before, int limit, CancellationToken cancellationToken = default) =>
        new RoomHistory(await history.ReadBeforeAsync(group, before, limit, cancellationToken), Recovered: true).Folded().Messages;

    /// <summary>Whether <paramref name="since"/> is an id the room has issued: not newer than its newest.</summary>
    /// <exception cref="BusUnavailableException">The transport could not be read.</exception>
    public static async Task<bool> HasIssuedAsync(this IRoomHistory history, string group, MessageId since, CancellationToken cancellationToken = default) =>
        await history.LastIssuedIdAsync(group, cancellationToken) is { } last && since <= last;
}
