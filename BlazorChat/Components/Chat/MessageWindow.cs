using BlazorChat.Chat;

namespace BlazorChat.Components.Chat;

/// <summary>
/// The stretch of a room's conversation that a page holds: at most <see cref="Capacity"/> rows,
/// the newest while the reader follows the room, or an older stretch while they read back.
/// Reading back prepends a page of history at a time; once that overflows, the newest rows go
/// and the window stops following: live messages then only count (<see cref="NewerNotShown"/>)
/// until the reader jumps back to the newest. So a tab holds the rows it shows, never every row
/// it has seen. Comings and goings one after another share one row ("Ada joined · Bob joined ·
/// and 38 more"), so a crowd arriving costs each page one row, not one per person.
/// </summary>
public sealed class MessageWindow(int capacity)
{
    private readonly List<ChatMessage> _rows = [];
    private bool _reachedStart;
    // What came live while the newest were being read back (see BeginShowingNewest).
    private List<ChatMessage>? _arriving;
    // The comings (or goings) the last row sums up, when it is such a row.
    private PresenceRun? _run;

    /// <summary>How many of a run's comings or goings its row names; the rest it counts.</summary>
    public const int NamedInRun = 3;

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
        (_reachedStart, NewerNotShown, Following, _arriving, _run) = (false, 0, true, null, null);
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

        if (message.Kind is MessageKind.Join or MessageKind.Leave)
        {
            if (_run is { } run && run.Kind == message.Kind && _rows.Count > 0 && ReferenceEquals(_rows[^1], run.Row))
            {
                _run = run.With(message);
                _rows[^1] = _run.Row;
                return;
            }

            _run = PresenceRun.Start(message);
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

    /// <summary>One row standing for comings (or goings) in a row: the last few named, the others counted.</summary>
    private sealed record PresenceRun(MessageKind Kind, IReadOnlyList<string> Named, int Count, ChatMessage Row)
    {
        public static PresenceRun Start(ChatMessage first) => new(first.Kind, [first.Text], 1, first);

        public PresenceRun With(ChatMessage next)
        {
            var named = Named.Skip(Named.Count == NamedInRun ? 1 : 0).Append(next.Text).ToList();
            int count = Count + 1;
            string text = string.Join(" · ", named) + (count > named.Count ? $" · and {count - named.Count} more" : "");
            return new(Kind, named, count, new ChatMessage("", next.Group, "", text, next.Ts, Kind));
        }
    }
}
