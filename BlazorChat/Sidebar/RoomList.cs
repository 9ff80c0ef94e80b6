using System.Security.Claims;
using BlazorChat.Accounts;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Components;
using BlazorChat.Data;
using BlazorChat.Rooms;
using BlazorChat.Threading;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace BlazorChat.Sidebar;

/// <summary>
/// The rooms a person is in (opened and not closed from the sidebar), most recently opened first,
/// at most <see cref="MaxRooms"/>, with what they have not read in each. One per circuit (a scoped
/// service), shared by the layout's sidebar and the room page. The room on screen is read by the
/// page itself; every other room is counted by an <see cref="UnreadCounter"/>, and only while the
/// person may enter it, so a private room they were removed from tells them nothing more.
/// A guest's list is kept in the browser, an account's in the database (<see cref="IRoomListStore"/>).
/// </summary>
public sealed class RoomList : IAsyncDisposable
{
    /// <summary>Rooms one person's sidebar keeps; opening one more drops the one opened longest ago.</summary>
    public const int MaxRooms = 50;

    /// <summary>The newest messages of a room read to count what came while the page was away; more than this shows as "99+".</summary>
    public const int CountedFromHistory = 100;

    /// <summary>How long a read place waits before it is saved, so a busy room is saved once in a while rather than at every message.</summary>
    public static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(2);

    private readonly IGroupBus _bus;
    private readonly IRoomHistory _history;
    private readonly IControlChannel _control;
    private readonly ChatSession _session;
    private readonly AuthenticationStateProvider _authentication;
    private readonly IServiceScopeFactory _scopes;
    private readonly BrowserStorage _browser;
    private readonly TimeProvider _time;
    private readonly ILogger<RoomList> _logger;

    // Every change of the list; saves have their own gate, so a slow save never holds up a count.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly List<Entry> _entries = [];
    private readonly Lazy<Task> _loading;
    private IRoomListStore? _store;
    private ClaimsPrincipal _user = new();
    private ChatIdentity _identity = ChatIdentity.Guest;
    private ReaderNames _reader = ReaderNames.None;
    private string? _current;
    private int _saveScheduled;
    private bool _disposed;

    public RoomList(IGroupBus bus, IRoomHistory history, IControlChannel control, ChatSession session, AuthenticationStateProvider authentication,
        IServiceScopeFactory scopes, BrowserStorage browser, TimeProvider time, ILogger<RoomList> logger)
    {
        (_bus, _history, _control, _session, _authentication, _scopes, _browser, _time, _logger) =
            (bus, history, control, session, authentication, scopes, browser, time, logger);
        // Off the caller's thread: the layout and the page may both ask first, and neither holds a lock while it reads.
        _loading = new(() => Task.Run(LoadOnceAsync));
    }

    /// <summary>Raised, on any thread, when a room comes or goes or a count changes.</summary>
    public event Action? Changed;

    /// <summary>Raised, on any thread, for a message just arrived that mentions the reader (in the room on screen or another).</summary>
    public event Action<ChatMessage>? Mentioned;

    /// <summary>The rooms, most recently opened first.</summary>
    public IReadOnlyList<SidebarRoom> Rooms
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries.Select(e => new SidebarRoom(e.Room, e.Counter?.Unread ?? 0, e.Counter?.Mentions ?? 0, e.Room == _current))];
            }
        }
    }

    /// <summary>What is unread in all the rooms but the one on screen.</summary>
    public int TotalUnread => Rooms.Sum(r => r.Unread);

    /// <summary>Whether <paramref name="message"/> is an ordinary message of someone else's that mentions the reader.</summary>
    public bool MentionsReader(ChatMessage message) => _reader.AreMentionedBy(message, IsOwn(message));

    /// <summary>Reads the kept list (once per circuit) and starts counting its rooms.</summary>
    public Task LoadAsync() => _loading.Value;

    /// <summary>
    /// The page shows <paramref name="room"/> now, to a reader who answers to <paramref name="reader"/>:
    /// it goes to the top of the list (in it from now on), stops being counted, and the room shown
    /// before is counted from where its reader got to.
    /// </summary>
    /// <returns>The newest message read there before, or null when the room is new to the list.</returns>
    public async Task<MessageId?> EnterAsync(string room, ReaderNames reader)
    {
        GroupName.Validate(room);
        await LoadAsync();
        MessageId? lastRead;
        using (await _gate.EnterAsync())
        {
            _reader = reader;
            Entry? previous = null;
            Entry entry;
            lock (_entries)
            {
                previous = _current is { } shown && shown != room ? _entries.Find(e => e.Room == shown) : null;
                entry = _entries.Find(e => e.Room == room) ?? new Entry(room);
                lastRead = _entries.Remove(entry) ? entry.LastReadId : null;
                _entries.Insert(0, entry);
                entry.OpenedUtc = _time.GetUtcNow().UtcDateTime;
                _current = room;
            }

            await StopCountingAsync(entry);
            if (previous is not null)
            {
                await StartCountingAsync(previous);
            }

            await DropBeyondBoundAsync();
        }

        Changed?.Invoke();
        await SaveAsync();
        return lastRead;
    }

    /// <summary>
    /// The page showed <paramref name="message"/> of the room on screen: it is read (one of a room left meanwhile is not). One that just
    /// arrived (<paramref name="live"/>, not the history shown on entering) and mentions the reader is announced.
    /// </summary>
    public void Read(ChatMessage message, bool live)
    {
        string room = message.Group;
        if (live && MentionsReader(message))
        {
            Mentioned?.Invoke(message);
        }

        lock (_entries)
        {
            if (room != _current || message.OrderId is not { } id || _entries.Find(e => e.Room == room) is not { } entry || id <= entry.LastReadId)
            {
                return;
            }

            (entry.LastRead, entry.LastReadId) = (message.Id, id);
        }

        ScheduleSave();
    }

    /// <summary>The page no longer shows a room (it went to another page): the room it showed is counted from here on.</summary>
    public async Task LeaveAsync()
    {
        using (await _gate.EnterAsync())
        {
            Entry? left;
            lock (_entries)
            {
                left = _entries.Find(e => e.Room == _current);
                _current = null;
            }

            if (left is not null && !_disposed)
            {
                await StartCountingAsync(left);
            }
        }

        Changed?.Invoke();
        await SaveAsync();
    }

    /// <summary>Takes <paramref name="room"/> out of the list (the person closed it): it is counted no more, and shown again only once opened again.</summary>
    public async Task CloseAsync(string room)
    {
        using (await _gate.EnterAsync())
        {
            Entry? entry;
            lock (_entries)
            {
                entry = _entries.Find(e => e.Room == room);
                if (entry is null)
                {
                    return;
                }

                _entries.Remove(entry);
                if (_current == room)
                {
                    _current = null;
                }
            }

            await StopCountingAsync(entry);
        }

        Changed?.Invoke();
        await SaveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _control.Received -= OnControlCommand;
        using (await _gate.EnterAsync())
        {
            _disposed = true;
            foreach (var entry in Snapshot())
            {
                await StopCountingAsync(entry);
            }
        }

        // Where the reader got to, if the store can still be reached (a guest's browser may be gone with its circuit).
        await SaveAsync();
    }

    private async Task LoadOnceAsync()
    {
        _user = (await _authentication.GetAuthenticationStateAsync()).User;
        _identity = ChatClaims.IdentityOf(_user);
        _store = _identity.IsGuest ? new BrowserRoomListStore(_browser) : new DatabaseRoomListStore(_scopes, _identity.UserId!);
        IReadOnlyList<StoredRoom> stored;
        try
        {
            // A guest answers to the name its browser remembers until a room page says otherwise.
            _reader = new ReaderNames(_identity.IsGuest ? await _browser.LoadAsync(BrowserStorage.NameKey) : ChatClaims.DisplayNameOf(_user), _identity.UserName);
            stored = await _store.LoadAsync();
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) || ex is JSException or JSDisconnectedException)
        {
            RoomListLog.LoadFailed(_logger, ex);
            stored = [];
        }

        using (await _gate.EnterAsync())
        {
            lock (_entries)
            {
                foreach (var room in stored)
                {
                    // A kept list is only as good as whoever could write it (a guest's browser console): each entry is checked.
                    if (_entries.Count < MaxRooms && GroupName.IsValid(room.Room) && MessageId.TryParse(room.LastRead, out var id)
                        && !_entries.Exists(e => e.Room == room.Room))
                    {
                        _entries.Add(new Entry(room.Room) { LastRead = room.LastRead, LastReadId = id, OpenedUtc = room.OpenedUtc });
                    }
                }
            }

            await Task.WhenAll(Snapshot().Where(e => e.Room != _current).Select(StartCountingAsync));
        }

        // After the first access check, so RoomAccess (which forgets a changed room on the same command) hears each command first.
        _control.Received += OnControlCommand;
        Changed?.Invoke();
    }

    /// <summary>Counts <paramref name="entry"/>'s room from its last read message, if the person may enter it; under the gate.</summary>
    private async Task StartCountingAsync(Entry entry)
    {
        if (entry.Counter is not null || _disposed)
        {
            return;
        }

        if (!await MayReadAsync(entry.Room))
        {
            return;
        }

        var counter = new UnreadCounter(entry.Room, entry.LastReadId, IsOwn, MentionsReader, OnCounted);
        try
        {
            await _bus.GroupAddAsync(entry.Room, counter);
            entry.Counter = counter;
            var recent = await _history.ReadAsync(entry.Room, null, CountedFromHistory);
            counter.Prime(recent.Messages);
        }
        catch (BusUnavailableException ex)
        {
            // Counted live from here on; what came while the bus was away is found when the room is next opened.
            RoomListLog.CountingFailed(_logger, entry.Room, ex);
            counter.Prime([]);
        }
    }

    private async Task StopCountingAsync(Entry entry)
    {
        if (entry.Counter is { } counter)
        {
            entry.Counter = null;
            await _bus.GroupDiscardAsync(entry.Room, counter);
        }
    }

    private async Task<bool> MayReadAsync(string room)
    {
        await using var scope = _scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<RoomAdmission>().RefusalToReadAsync(_user, room) is null;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // Unknown is not allowed: a private room's count stays hidden until the database answers.
            return false;
        }
    }

    private async Task DropBeyondBoundAsync()
    {
        List<Entry> dropped;
        lock (_entries)
        {
            if (_entries.Count <= MaxRooms)
            {
                return;
            }

            dropped = _entries[MaxRooms..];
            _entries.RemoveRange(MaxRooms, dropped.Count);
        }

        foreach (var entry in dropped)
        {
            await StopCountingAsync(entry);
        }
    }

    // A room's members, bans or privacy changed: whether the person may still read it is asked again.
    private void OnControlCommand(ConnectionCommand command)
    {
        if (command.Room is { } room && Snapshot().Any(e => e.Room == room))
        {
            _ = RecheckAsync(room);
        }
    }

    private async Task RecheckAsync(string room)
    {
        using (await _gate.EnterAsync())
        {
            if (_disposed || Snapshot().Find(e => e.Room == room && e.Room != _current) is not { } entry)
            {
                return;
            }

            if (await MayReadAsync(room))
            {
                await StartCountingAsync(entry);
            }
            else
            {
                await StopCountingAsync(entry);
            }
        }

        Changed?.Invoke();
    }

    private void OnCounted(UnreadCounter counter, ChatMessage? mention)
    {
        Changed?.Invoke();
        if (mention is not null)
        {
            Mentioned?.Invoke(mention);
        }
    }

    private bool IsOwn(ChatMessage message) => _identity.Sent(message, _session.Id);

    private List<Entry> Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }

    private void ScheduleSave()
    {
        if (Interlocked.Exchange(ref _saveScheduled, 1) == 0)
        {
            _ = Task.Delay(SaveDelay, _time).ContinueWith(_ => SaveAsync(), TaskScheduler.Default).Unwrap();
        }
    }

    private async Task SaveAsync()
    {
        if (_store is null)
        {
            return;
        }

        using (await _saving.EnterAsync())
        {
            Volatile.Write(ref _saveScheduled, 0);
            List<StoredRoom> rooms;
            lock (_entries)
            {
                rooms = [.. _entries.Select(e => new StoredRoom(e.Room, e.LastRead, e.OpenedUtc))];
            }

            try
            {
                await _store.SaveAsync(rooms);
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone with its circuit: the browser keeps what it was last told.
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) || ex is JSException or TaskCanceledException or ObjectDisposedException)
            {
                // Kept in the circuit meanwhile; the next change saves it all again.
                RoomListLog.SaveFailed(_logger, ex);
            }
        }
    }

    private sealed class Entry(string room)
    {
        public string Room { get; } = room;

        public string LastRead { get; set; } = "0";

        public MessageId LastReadId { get; set; }

        public DateTime OpenedUtc { get; set; }

        /// <summary>Counting while the room is not on screen and the person may read it; null otherwise.</summary>
        public UnreadCounter? Counter { get; set; }
    }
}
