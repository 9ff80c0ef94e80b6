using BlazorChat.Rooms;

namespace BlazorChat.Chat;

/// <summary>
/// Who else is writing in a page's room, from the room's typing signals. A writer is an account,
/// or for a guest its connection (two guests under one name are two writers); each is shown until
/// <see cref="Lifetime"/> passes without a new signal, and no longer as soon as their message
/// arrives or they leave. At most <see cref="MaxTracked"/> are named; signals from more only make
/// the room <see cref="Crowded"/>. One per page; messages and its timer call in on any thread.
/// </summary>
public sealed class TypingWriters : IDisposable
{
    /// <summary>
    /// A signal's interval and a second to spare: someone who keeps writing signals again before
    /// their entry runs out, so they never blink off and on between signals.
    /// </summary>
    public static readonly TimeSpan Lifetime = TypingSignals.Interval + TimeSpan.FromSeconds(1);

    /// <summary>Writers named at most: a crowded room cannot grow a page's list (or its render) without bound.</summary>
    public const int MaxTracked = 50;

    private readonly TimeProvider _time;
    private readonly Func<ChatMessage, bool> _isOwn;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    // In the order they began writing, the order the indicator names them; short enough to search.
    private readonly List<Writer> _writers = [];
    private string[] _names = [];
    // The last signal that found the list full, while it is recent.
    private long? _crowdedAt;
    private bool _timerArmed;
    // A message already on its way to the page may still come in after the page disposed this.
    private bool _disposed;

    /// <param name="isOwn">Whether a message is the page's own (<see cref="ChatSession.IsOwn"/>): its own signals are never shown.</param>
    public TypingWriters(TimeProvider time, Func<ChatMessage, bool> isOwn)
    {
        _time = time;
        _isOwn = isOwn;
        _timer = time.CreateTimer(_ => Expire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Raised, on any thread and outside the lock, when who is shown changes: someone starts, stops,
    /// or runs out. Not for a signal from someone already shown, so a page re-renders only for a change.
    /// </summary>
    public event Action? Changed;

    /// <summary>The writers' display names, in the order they began.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
            {
                return _names;
            }
        }
    }

    /// <summary>Whether more than <see cref="MaxTracked"/> are writing (as far as the page can tell).</summary>
    public bool Crowded
    {
        get
        {
            lock (_lock)
            {
                return _crowdedAt is not null;
            }
        }
    }

    /// <summary>Takes in one of the room's messages: a typing signal, or what ends one (their message, their leaving).</summary>
    public void Observe(ChatMessage message)
    {
        bool own = message.Kind is MessageKind.Typing && _isOwn(message);
        bool changed;
        lock (_lock)
        {
            changed = message.Kind switch
            {
                MessageKind.Typing when !own && KeyOf(message) is { } key => Signal(key, message.Sender),
                MessageKind.Message => KeyOf(message) is { } key && Remove(w => w.Key == key),
                // A leave line carries only the name: everyone shown under it stops; any who still
                // write elsewhere come back with their next signal.
                MessageKind.Leave => Remove(w => w.Name == message.Sender),
                _ => false,
            };
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Forgets everyone: the page moved to another room.</summary>
    public void Clear()
    {
        bool changed;
        lock (_lock)
        {
            changed = _writers.Count > 0 || _crowdedAt is not null;
            _writers.Clear();
            _crowdedAt = null;
            Publish();
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    // An account is one writer in all its tabs; a guest is its connection. Null for a line no member sent.
    private static string? KeyOf(ChatMessage message) => message.User ?? message.Origin;

    private bool Signal(string key, string name)
    {
        long now = _time.GetTimestamp();
        if (_writers.Find(w => w.Key == key) is { } writer)
        {
            writer.LastSignal = now;
            return false;
        }

        bool changed;
        if (_writers.Count == MaxTracked)
        {
            changed = _crowdedAt is null;
            _crowdedAt = now;
        }
        else
        {
            _writers.Add(new Writer(key, name, now));
            Publish();
            changed = true;
        }

        Arm(now);
        return changed;
    }

    private bool Remove(Predicate<Writer> which)
    {
        if (_writers.RemoveAll(which) == 0)
        {
            return false;
        }

        Publish();
        return true;
    }

    // The timer's: drops whoever ran out, then waits for the next who may.
    private void Expire()
    {
        bool changed;
        lock (_lock)
        {
            _timerArmed = false;
            long now = _time.GetTimestamp();
            changed = Remove(w => RanOut(w.LastSignal, now));
            if (_crowdedAt is { } crowdedAt && RanOut(crowdedAt, now))
            {
                _crowdedAt = null;
                changed = true;
            }

            Arm(now);
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// One timer, set for the oldest signal's end, and not moved by newer signals: when it fires it
    /// drops only who ran out and sets itself for the next, so a steady writer costs no re-render.
    /// </summary>
    private void Arm(long now)
    {
        if (_timerArmed || _disposed || (_writers.Count == 0 && _crowdedAt is null))
        {
            return;
        }

        long oldest = Math.Min(_crowdedAt ?? long.MaxValue, _writers.Count == 0 ? long.MaxValue : _writers.Min(w => w.LastSignal));
        _timer.Change(Lifetime - _time.GetElapsedTime(oldest, now), Timeout.InfiniteTimeSpan);
        _timerArmed = true;
    }

    private bool RanOut(long signal, long now) => _time.GetElapsedTime(signal, now) >= Lifetime;

    // A fresh array for each change, so a render reads a list nobody changes under it.
    private void Publish() => _names = [.. _writers.Select(w => w.Name)];

    private sealed class Writer(string key, string name, long lastSignal)
    {
        public string Key { get; } = key;

        public string Name { get; } = name;

        public long LastSignal { get; set; } = lastSignal;
    }
}
