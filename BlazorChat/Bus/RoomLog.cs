using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>
/// The memory bus's record of one room: its sequence and a ring of its newest messages. Sends to
/// the room take <see cref="Gate"/> to number, keep and fan out a message in one step, so every
/// member sees the room's messages in id order and a history read never straddles a send.
/// </summary>
/// <remarks>
/// The ring starts small and doubles as the room fills, up to its capacity: a room that saw one
/// message costs one small array, not <c>History:Length</c> slots. It only grows while nothing
/// has been dropped, so every kept message still sits at its sequence's place.
/// </remarks>
internal sealed class RoomLog(int capacity, long createdAt)
{
    private const int InitialSlots = 8;

    private ChatMessage[] _ring = new ChatMessage[Math.Min(capacity, InitialSlots)];
    private int _count;

    public Lock Gate { get; } = new();

    /// <summary>The room's remembered client keys, made with its first keyed message; the caller holds <see cref="Gate"/>.</summary>
    public RoomSendKeys? SendKeys { get; set; }

    /// <summary>The sequence number of the newest message; 0 before the first.</summary>
    public long Last { get; private set; }

    /// <summary>When a message was last kept (a <see cref="TimeProvider"/> timestamp); the caller holds <see cref="Gate"/>.</summary>
    public long LastActivity { get; private set; } = createdAt;

    /// <summary>Set once the room has been forgotten: a send that finds it so starts a new log.</summary>
    public bool Forgotten { get; set; }

    /// <summary>The slots the ring holds now, for the tests of its growth.</summary>
    internal int Slots => _ring.Length;

    /// <summary>Numbers a message; the caller holds <see cref="Gate"/>.</summary>
    public long Next() => ++Last;

    /// <summary>Keeps the message numbered <see cref="Last"/>, and an edit or deletion's change in its target; the caller holds <see cref="Gate"/>.</summary>
    public void Keep(ChatMessage message, long now)
    {
        if (_count == _ring.Length && _ring.Length < capacity)
        {
            // Nothing dropped yet, so message n sits at n - 1 in both the old ring and the new.
            Array.Resize(ref _ring, (int)Math.Min(capacity, 2L * _ring.Length));
        }

        _ring[(int)((Last - 1) % _ring.Length)] = message;
        _count = Math.Min(_count + 1, _ring.Length);
        LastActivity = now;
        if (message.Kind.IsChange() && MessageId.TryParse(message.Target, out var target) && target.Minor == 0
            && Find(target.Major) is { Kind: MessageKind.Message, Change: not MessageChange.Deleted } changed)
        {
            // The message itself is kept changed, so every later read shows it as it now stands.
            _ring[(int)((target.Major - 1) % _ring.Length)] = changed.ChangedBy(message);
        }
    }

    /// <summary>The kept message numbered <paramref name="seq"/>, or null; the caller holds <see cref="Gate"/>.</summary>
    public ChatMessage? Find(long seq) => seq > Last - _count && seq <= Last ? _ring[(int)((seq - 1) % _ring.Length)] : null;

    /// <summary>The newest <paramref name="limit"/> kept messages numbered <paramref name="last"/> or less, oldest first; the caller holds <see cref="Gate"/>.</summary>
    public IReadOnlyList<ChatMessage> ReadUpTo(long last, int limit)
    {
        long to = Math.Min(last, Last);
        long from = Math.Max(Last - _count + 1, to - limit + 1);
        var messages = new List<ChatMessage>((int)Math.Max(0, to - from + 1));
        for (long seq = from; seq <= to; seq++)
        {
            messages.Add(_ring[(int)((seq - 1) % _ring.Length)]);
        }

        return messages;
    }

    /// <summary>Reads kept messages; the caller holds <see cref="Gate"/>.</summary>
    public RoomHistory Read(long? after, int limit)
    {
        long firstKept = Last - _count + 1;
        long from = after is { } a ? Math.Max(a + 1, firstKept) : Math.Max(firstKept, Last - limit + 1);
        long to = Math.Min(Last, from + limit - 1);
        var messages = new List<ChatMessage>((int)Math.Max(0, to - from + 1));
        for (long seq = from; seq <= to; seq++)
        {
            messages.Add(_ring[(int)((seq - 1) % _ring.Length)]);
        }

        // Sequences are contiguous, so nothing was lost exactly when the one after `after` is still kept.
        bool recovered = after is not { } asked || asked + 1 >= firstKept;
        return new RoomHistory(messages, recovered);
    }
}
