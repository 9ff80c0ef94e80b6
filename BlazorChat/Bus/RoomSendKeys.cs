namespace BlazorChat.Bus;

/// <summary>
/// The client keys one room of the memory bus remembers (see <see cref="Chat.SendKey"/>): each
/// with the id and time of the message it was first sent with, for <c>History:SendKeyTtlSeconds</c>
/// and at most <c>capacity</c> of them, the oldest dropped first, so a sender inventing keys can
/// push out others' keys early but never grow the set. It lives in its room's <see cref="RoomLog"/>
/// and goes with it. Not thread-safe: the caller holds the log's gate.
/// </summary>
internal sealed class RoomSendKeys(int capacity, TimeSpan ttl)
{
    private readonly Dictionary<string, Sent> _keys = new(StringComparer.Ordinal);

    // Keys in the order they were added, which is also the order they expire in (one TTL for all);
    // a key is here at most once, since it comes back only after it expired and was dropped.
    private readonly Queue<(string Key, DateTimeOffset Expires)> _order = new();

    public int Count => _keys.Count;

    /// <summary>The message first sent with <paramref name="key"/>, if the room still remembers it at <paramref name="now"/>.</summary>
    public bool TryGet(string key, DateTimeOffset now, out Sent sent)
    {
        DropExpired(now);
        return _keys.TryGetValue(key, out sent);
    }

    /// <summary>Remembers <paramref name="key"/> for the message just sent; the caller saw <see cref="TryGet"/> miss.</summary>
    public void Add(string key, Sent sent, DateTimeOffset now)
    {
        while (_order.Count >= capacity && _order.TryDequeue(out var oldest))
        {
            _keys.Remove(oldest.Key);
        }

        _keys[key] = sent;
        _order.Enqueue((key, now + ttl));
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && oldest.Expires <= now)
        {
            _order.Dequeue();
            _keys.Remove(oldest.Key);
        }
    }

    /// <summary>What a repeated send answers with: the first message's id and time.</summary>
    public readonly record struct Sent(string Id, DateTimeOffset Ts);
}
