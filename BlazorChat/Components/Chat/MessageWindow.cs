using BlazorChat.Chat;

namespace BlazorChat.Components.Chat;

/// <summary>
/// The stretch of a room's conversation that a page holds: at most <see cref="Capacity"/> rows,
/// the newest while the reader follows the room, or an older stretch while they read back.
/// Reading back prepends a page of history at a time; once that overflows, the newest rows go
/// and the window stops following: live messages then only count (<see cref="NewerNotShown"/>)
/// until the reader jumps back to the newest. So a tab holds the rows it shows, never every row
/// it has seen.
/// </summary>
public sealed class MessageWindow(int capacity)
{
    private readonly List<ChatMessage> _rows = [];
    private bool _reachedStart;
    // What came live while the newest were being read back (see BeginShowingNewest).
    private List<ChatMessage>? _arriving;

    public int Capacity { get; } = capacity;

    public IReadOnlyList<ChatMessage> Rows => _rows;

    /// <summary>Whether the room may keep messages before the first row (until a read back finds none).</summary>
    public bool HasOlder => !_reachedStart && OldestId is not null;

    /// <summary>Messages people sent after the last row while the window held an older stretch.</summary>
    public int NewerNotShown { get; private set; }

    /// <summary>Whether live messages are shown as they come (the window holds the newest rows).</summary>
    public bool Following { get; private set; } = true;

    /// <summary>The id of the oldest row that has one: where reading back continues from.</summary>
    public MessageId? OldestId => _rows.Find(row => row.OrderId is not null)?.OrderId;

    public void Clear()
    {
        _rows.Clear();
        (_reachedStart, NewerNotShown, Following, _arriving) = (false, 0, true, null);
    }

    /// <summary>A live message (or one of the opening history): shown at the bottom while following, else counted.</summary>
    public void Add(ChatMessage message)
    {
        if (!Following)
        {
            // Only what people said counts as a newer message; comings and goings do not.
            if (message.Kind == MessageKind.Message)
            {
                NewerNotShown++;
            }

            if (_arriving is { } arriving && arriving.Count < Capacity)
            {
                arriving.Add(message);
            }

            return;
        }

        _rows.Add(message);
        if (_rows.Count > Capacity)
        {
            _rows.RemoveRange(0, _rows.Count - Capacity);
            _reachedStart = false;
        }
    }

    /// <summary>Applies an edit or a delete to the row it names; false when the window does not hold it.</summary>
    public bool Change(ChatMessage change)
    {
        int index = _rows.FindIndex(row => row.Id == change.Target);
        if (index < 0 || _rows[index].Change == MessageChange.Deleted)
        {
            return false;
        }

        _rows[index] = _rows[index].ChangedBy(change);
        return true;
    }

    /// <summary>
    /// Puts a page read back from history (oldest first, changes folded in) above the first row.
    /// A page shorter than <paramref name="requested"/> is the start of what the room keeps.
    /// </summary>
    public void Prepend(IReadOnlyList<ChatMessage> older, int requested)
    {
        _reachedStart = older.Count < requested;
        _rows.InsertRange(0, older);
        if (_rows.Count > Capacity)
        {
            _rows.RemoveRange(Capacity, _rows.Count - Capacity);
            Following = false;
        }
    }

    /// <summary>
    /// Starts the way back to the newest: from now until <see cref="ShowNewest"/>, live messages
    /// are kept aside, so none sent while the history is read falls between it and the live ones.
    /// </summary>
    public void BeginShowingNewest() => _arriving = [];

    /// <summary>Back to the newest: the room's latest messages from history, then what came meanwhile, replace the older stretch.</summary>
    public void ShowNewest(IReadOnlyList<ChatMessage> newest)
    {
        var last = newest.Count > 0 ? newest[^1].OrderId : null;
        var arrived = (_arriving ?? []).Where(message => message.OrderId is not { } id || last is null || id > last).ToList();
        Clear();
        foreach (var message in newest.Concat(arrived))
        {
            Add(message);
        }
    }
}
