using BlazorChat.Chat;
using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// History on Redis: each room's stream (<see cref="RedisKeys.HistoryStream"/>), which the publish
/// script appends to and trims to about <c>History:Length</c> entries.
/// </summary>
public sealed class RedisRoomHistory(RedisConnection connection, RedisKeys keys) : IRoomHistory
{
    public async Task<RoomHistory> ReadAsync(string group, MessageId? after, int limit, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 0);
        if (limit == 0)
        {
            return RoomHistory.Empty;
        }

        var db = (await connection.GetAsync(cancellationToken)).GetDatabase();
        var key = keys.HistoryStream(group);
        return await RedisErrors.RunAsync(async () =>
        {
            if (after is not { } since)
            {
                var newest = await db.StreamRangeAsync(key, "-", "+", limit, Order.Descending);
                return new RoomHistory(await CurrentAsync(db, group, ToMessages(group, newest.Reverse())), Recovered: true);
            }

            // Read first, then ask what is kept: a trim in between can only make the answer more
            // cautious, never claim messages that the read did not get. Nothing is lost while the
            // message `since` names is itself still kept (the stream holds no gaps of its own).
            var entries = await db.StreamRangeAsync(key, $"({Format(since)}", "+", limit, Order.Ascending);
            var state = await ReadStreamStateAsync(db, key);
            bool recovered = state.FirstKept is { } first ? since >= first : since >= state.LastGenerated;
            return new RoomHistory(await CurrentAsync(db, group, ToMessages(group, entries)), recovered);
        }, $"Could not read the history of room '{group}': Redis is unavailable.");
    }

    public async Task<IReadOnlyList<ChatMessage>> ReadBeforeAsync(string group, MessageId before, int limit, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 0);
        if (limit == 0)
        {
            return [];
        }

        var db = (await connection.GetAsync(cancellationToken)).GetDatabase();
        return await RedisErrors.RunAsync(async () => await CurrentAsync(db, group,
                ToMessages(group, (await db.StreamRangeAsync(keys.HistoryStream(group), "-", $"({Format(before)}", limit, Order.Descending)).Reverse())),
            $"Could not read the history of room '{group}': Redis is unavailable.");
    }

    public async Task<ChatMessage?> FindAsync(string group, MessageId id, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        var db = (await connection.GetAsync(cancellationToken)).GetDatabase();
        return (await RedisErrors.RunAsync(async () => await CurrentAsync(db, group, ToMessages(group, await db.StreamRangeAsync(keys.HistoryStream(group), Format(id), Format(id), 1))),
            $"Could not read the history of room '{group}': Redis is unavailable.")).FirstOrDefault();
    }

    public async Task<MessageId?> LastIssuedIdAsync(string group, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        var db = (await connection.GetAsync(cancellationToken)).GetDatabase();
        var state = await RedisErrors.RunAsync(() => ReadStreamStateAsync(db, keys.HistoryStream(group)),
            $"Could not read room '{group}': Redis is unavailable.");
        return state.LastGenerated == MessageId.Zero ? null : state.LastGenerated;
    }

    /// <summary>
    /// The stream's last issued id (0-0 for a room that never had a message) and its oldest kept
    /// entry (null when it keeps none), from XINFO STREAM.
    /// </summary>
    private static async Task<(MessageId LastGenerated, MessageId? FirstKept)> ReadStreamStateAsync(IDatabase db, RedisKey key)
    {
        if (!await db.KeyExistsAsync(key))
        {
            return (MessageId.Zero, null);
        }

        var info = (RedisResult[])(await db.ExecuteAsync("XINFO", "STREAM", key))!;
        MessageId last = MessageId.Zero;
        MessageId? firstKept = null;
        for (int i = 0; i + 1 < info.Length; i += 2)
        {
            switch ((string?)info[i])
            {
                case "last-generated-id":
                    MessageId.TryParse((string?)info[i + 1], out last);
                    break;
                case "first-entry" when !info[i + 1].IsNull && MessageId.TryParse((string?)((RedisResult[])info[i + 1]!)[0], out var first):
                    firstKept = first;
                    break;
            }
        }

        return (last, firstKept);
    }

    /// <summary>An id as a stream id, for XRANGE's bounds.</summary>
    internal static string Format(MessageId id) => $"{id.Major}-{id.Minor}";

    /// <summary>The messages as they stand: each with its latest edit or deletion (<see cref="RedisKeys.Changes"/>) applied.</summary>
    private async Task<List<ChatMessage>> CurrentAsync(IDatabase db, string group, List<ChatMessage> messages)
    {
        var said = messages.Where(m => m.Kind == MessageKind.Message).Select(m => (RedisValue)m.Id).ToArray();
        if (said.Length == 0)
        {
            return messages;
        }

        var changes = await db.HashGetAsync(keys.Changes(group), said);
        var byTarget = new Dictionary<string, ChatMessage>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            // Each value is 'd' or 'e', then the change as the channel carries it.
            if (change.HasValue && RedisPayload.Parse(group, ((byte[])change!).AsSpan(1)) is { Target: { } target } parsed)
            {
                byTarget[target] = parsed;
            }
        }

        return byTarget.Count == 0
            ? messages
            : [.. messages.Select(m => m.Kind == MessageKind.Message && byTarget.TryGetValue(m.Id, out var latest) ? m.ChangedBy(latest) : m)];
    }

    private static List<ChatMessage> ToMessages(string group, IEnumerable<StreamEntry> entries)
    {
        var messages = new List<ChatMessage>();
        foreach (var entry in entries)
        {
            if (RedisPayload.Read(group, entry.Id.ToString(), ((ReadOnlyMemory<byte>)entry[RedisPayload.Field]).Span) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;
    }
}
