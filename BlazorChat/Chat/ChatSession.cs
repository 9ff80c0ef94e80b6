using BlazorChat.Bus;
using BlazorChat.Rooms;
using BlazorChat.Threading;
using Microsoft.Extensions.Options;

namespace BlazorChat.Chat;

/// <summary>
/// One browser tab's place in a room: its current <see cref="RoomConnection"/>, the status the
/// page shows, and the recovery after the bus comes back. A scoped service, so there is one per
/// Blazor circuit, disposed with the circuit, which takes it out of its room. Messages reach the
/// page through <see cref="MessageReceived"/>, raised from the bus's side; the page marshals them
/// onto its renderer with <c>InvokeAsync</c>.
/// </summary>
/// <remarks>
/// Each join opens a fresh connection (with its own bounded outbox) and writer, so whatever the
/// previous one still had queued can never reach the page after it left.
/// </remarks>
public sealed class ChatSession : IAsyncDisposable
{
    private readonly RoomConnector _rooms;
    private readonly int _historyOnJoin;
    // One thing at a time: a join, a leave, a recovery.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SendRateLimit _joins;
    private readonly RetryKey _retryKey = new();
    private PageConnection? _current;
    private DateTimeOffset? _joinedAt;

    // In the room as far as the page knows, but without a connection: a rejoin after an outage
    // failed (the bus came back only for a moment). The next change of the bus tries again.
    private bool _rejoining;
    private bool _disposed;

    public ChatSession(RoomConnector rooms, IOptions<HistoryOptions> history)
    {
        _rooms = rooms;
        _historyOnJoin = history.Value.OnJoin;
        _joins = SendRateLimit.ForJoins(rooms.Limits, rooms.Time);
        _rooms.AvailabilityChanged += OnBusAvailabilityChanged;
    }

    /// <summary>This tab's id in presence, kept across rejoins after an outage.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The room this session is in, or was last in, and as whom; none before the first join.</summary>
    public SessionSeat? Seat { get; private set; }

    public SessionState State { get; } = new();

    /// <summary>The newest id of the seat's room's history that the page was shown; joining that room again from it picks up there.</summary>
    public MessageId? LastSeen { get; private set; }

    public int MaxMessageBytes => _rooms.MaxMessageBytes;

    /// <summary>Each message for the page, in order, one at a time; raised off the renderer's thread.</summary>
    public event Func<ChatMessage, Task>? MessageReceived;

    /// <summary>Whether <paramref name="message"/> is the page's own, by who sent it, never by name: the account's, or for a guest this page's connection's.</summary>
    public bool IsOwn(ChatMessage message) => (Seat?.Identity ?? ChatIdentity.Guest).Sent(message, Id);

    /// <summary>
    /// Joins <paramref name="group"/> as <paramref name="name"/> for <paramref name="identity"/> (a
    /// guest without one), as <see cref="RoomAdmission"/> admitted it, leaving any room first. The page
    /// gets the room's last <c>History:OnJoin</c> messages (or, with <paramref name="since"/>, what
    /// came after that id), a <c>[connected]</c> line, then the live ones.
    /// </summary>
    /// <returns>False when the session could not get in (see <see cref="State"/>).</returns>
    public async Task<bool> JoinAsync(string group, string name, MessageId? since = null, ChatIdentity? identity = null, CancellationToken cancellationToken = default)
    {
        using (await _gate.EnterAsync())
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_joins.TryAcquire() != SendVerdict.Allowed)
            {
                // A page that keeps rejoining is held to the sockets' join rate (each join is a
                // coming and a going in its room); it stays where it was.
                State.Set(_current is null ? SessionStatus.Disconnected : State.Status, SessionTexts.TooManyJoins);
                return false;
            }

            await LeaveCurrentAsync(announce: true);
            (LastSeen, Seat, _joinedAt, _rejoining) = (group == Seat?.Group ? LastSeen : null, new(group, name, identity ?? ChatIdentity.Guest), null, false);
            return await EnterAsync(since, announce: true, cancellationToken);
        }
    }

    /// <summary>Leaves the room; the page receives nothing more until it joins again.</summary>
    public async Task LeaveAsync()
    {
        using (await _gate.EnterAsync())
        {
            await LeaveCurrentAsync(announce: true);
            State.Set(SessionStatus.Disconnected, null);
        }
    }

    /// <summary>Sends a message with its <see cref="RetryKey"/> (trying a refused text again is the same message), or says why not.</summary>
    public Task<SendResult> SendAsync(string text, CancellationToken cancellationToken = default) =>
        _current is { } current ? current.SendAsync(text, _retryKey, cancellationToken)
        : Task.FromResult(MessageText.Explain(text, MaxMessageBytes) is { } problem ? SendResult.Refused(problem)
            : _rejoining ? SessionTexts.Result(SendOutcome.BusUnavailable, _rooms.Limits)
            : SendResult.Refused(SessionTexts.NotInARoom));

    /// <summary>Edits (its new <paramref name="text"/>) or deletes <paramref name="target"/>, as <paramref name="changes"/> allows, or says why not.</summary>
    public Task<SendResult> ChangeAsync(MessageChanges changes, MessageKind kind, ChatMessage target, string text) =>
        _current?.ChangeAsync(changes, kind, target, text) ?? Task.FromResult(SendResult.Refused(SessionTexts.NotInARoom));

    /// <summary>Tells the room that the page's person is writing (the connection thins these); nothing while not in a room.</summary>
    public void SignalTyping() => _current?.SignalTyping();

    public async ValueTask DisposeAsync()
    {
        _rooms.AvailabilityChanged -= OnBusAvailabilityChanged;
        using (await _gate.EnterAsync())
        {
            _disposed = true;
            await LeaveCurrentAsync(announce: true);
        }
    }

    private async Task<bool> EnterAsync(MessageId? since, bool announce, CancellationToken cancellationToken)
    {
        State.Set(SessionStatus.Connecting, null);
        var page = PageConnection.Open(_rooms, Seat!, Id, _joinedAt, message => MessageReceived is { } show ? show(message) : Task.CompletedTask);
        var connection = page.Connection;
        _joinedAt = connection.ConnectedAt;
        if (!await connection.JoinAsync(since, _historyOnJoin, announce, cancellationToken))
        {
            var reason = await connection.Ended;
            _rejoining = !announce && reason == DisconnectReason.BusUnavailable;
            var (status, detail) = SessionTexts.JoinFailed(reason, _rejoining, connection.KickReason);
            State.Set(status, detail);
            return false;
        }

        (_current, _rejoining) = (page, false);
        _ = connection.Ended.ContinueWith(ended => OnEnded(page, ended.Result), TaskScheduler.Default);
        State.Set(_rooms.IsAvailable ? SessionStatus.Connected : SessionStatus.BusDown, _rooms.IsAvailable ? null : SessionTexts.BusDown);
        return true;
    }

    /// <summary>
    /// After the bus comes back, rejoins with what the page missed meanwhile: other instances may
    /// have carried on while this one could not hear them. Presence stays as it is: the tab never
    /// left, it only could not hear.
    /// </summary>
    private async Task RecoverAsync()
    {
        using (await _gate.EnterAsync())
        {
            if (!_disposed && (_current is not null || _rejoining) && _rooms.IsAvailable)
            {
                await LeaveCurrentAsync(announce: false);
                await EnterAsync(LastSeen, announce: false, CancellationToken.None);
            }
        }
    }

    private async Task LeaveCurrentAsync(bool announce)
    {
        if (Detach() is { } page)
        {
            await page.Connection.LeaveAsync(DisconnectReason.ClientClosed, announce);
        }
        else if (announce && _rejoining)
        {
            // Still listed from before the outage, with no connection to leave: leave presence itself.
            _rejoining = false;
            await _rooms.Presence.LeaveAsync(Seat!.Group, new Presence.PresenceEntry(Id, Seat.Name, ConnectionKind.Browser, _joinedAt!.Value));
        }
    }

    /// <summary>
    /// Stops the page hearing its current connection (or <paramref name="only"/>, if still current),
    /// keeping where it got to; null when there is none or another caller got there first.
    /// </summary>
    private PageConnection? Detach(PageConnection? only = null)
    {
        var page = only ?? _current;
        if (page is null || !page.TryStop())
        {
            return null;
        }

        Interlocked.CompareExchange(ref _current, null, page);
        LastSeen = page.LastShown ?? LastSeen;
        return page;
    }

    // Ended for a reason of the server's (too slow, flooding, kicked, stopping): say why.
    private void OnEnded(PageConnection page, DisconnectReason reason)
    {
        if (reason != DisconnectReason.ClientClosed && Detach(only: page) is not null)
        {
            State.Set(SessionStatus.Dropped, SessionTexts.Dropped(reason, page.Connection.KickReason));
        }
    }

    private void OnBusAvailabilityChanged()
    {
        if (_current is null && !_rejoining)
        {
            return;
        }

        if (_rooms.IsAvailable)
        {
            _ = RecoverAsync();
        }
        else
        {
            State.Set(SessionStatus.BusDown, SessionTexts.BusDown);
        }
    }
}
