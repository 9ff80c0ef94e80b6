using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>
/// The memory bus's record of one room: its sequence and a ring of its newest messages. Sends to
/// the room take <see cref="Gate"/> to number, keep and fan out a message in one step, so every
/// member sees the room's messages in id order and a history read never straddles a send.
/// </summary>
internal sealed class RoomLog(int capacity)
{
    private readonly ChatMessage[] _ring = new ChatMessage[capacity];
    private int _count;

    public Lock Gate { get; } = new();

    /// <summary>The sequence number of the newest message; 0 before the first.</summary>
    public long Last { get; private set; }

    /// <summary>Numbers and keeps a message; the caller holds <see cref="Gate"/>.</summary>
    public long Next() => ++Last;

    public void Keep(ChatMessage message)
    {
        _ring[(int)((Last - 1) % _ring.Length)] = message;
        _count = Math.Min(_count + 1, _ring.Length);
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
