using BlazorChat.Chat;

namespace BlazorChat.Bus;

public static class RoomHistoryExtensions
{
    /// <summary>
    /// Everything the room keeps after <paramref name="since"/>, read in pages of
    /// <paramref name="pageSize"/> until the newest. (A Redis stream trimmed with MAXLEN ~ can keep
    /// more than its nominal length, so one page of that length is not always all of it.)
    /// </summary>
    public static async Task<RoomHistory> ReadAllAfterAsync(this IRoomHistory history, string group, MessageId since, int pageSize, CancellationToken cancellationToken = default)
    {
        var first = await history.ReadAsync(group, since, pageSize, cancellationToken);
        if (first.Messages.Count < pageSize)
        {
            return first;
        }

        var all = new List<ChatMessage>(first.Messages);
        while (true)
        {
            var next = await history.ReadAsync(group, all[^1].OrderId, pageSize, cancellationToken);
            all.AddRange(next.Messages);
            if (next.Messages.Count < pageSize)
            {
                return new RoomHistory(all, first.Recovered);
            }
        }
    }

    /// <summary>Whether <paramref name="since"/> is an id the room has issued: not newer than its newest.</summary>
    /// <exception cref="BusUnavailableException">The transport could not be read.</exception>
    public static async Task<bool> HasIssuedAsync(this IRoomHistory history, string group, MessageId since, CancellationToken cancellationToken = default) =>
        await history.LastIssuedIdAsync(group, cancellationToken) is { } last && since <= last;
}
