using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using BlazorChat.Threading;

namespace BlazorChat.Rooms;

/// <summary>
/// One member's life in one room, the same for a raw socket and a browser page: the join, the
/// opening (history, then live messages, with no gap and no duplicate between them), presence,
/// rate-limited sends, a kick, and the leave, each with its metrics, its log line and its place
/// in <see cref="LocalConnections"/>. What the member reads goes out through its
/// <see cref="IRoomWriter"/>, from a bounded <see cref="MemberOutbox"/>.
/// </summary>
/// <remarks>
/// A connection is used once: made by <see cref="RoomConnector.Open"/>, joined once, and left once,
/// whoever ends it (the member, the server, or a failed join). A page that rejoins makes a new one.
/// </remarks>
public sealed class RoomConnection : IQueueingGroupMember, IOutboxWriter
{
    private readonly RoomConnector _rooms;
    private readonly IRoomWriter _writer;
    private readonly SendRateLimit _rateLimit;
    private readonly TypingSignals _typing;
    private readonly TaskCompletionSource<DisconnectReason> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Orders the join and the leave: a leave that the outbox asks for during the join (it
    // overflowed while history was read) waits for the join to finish, then undoes all of it.
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private bool _joined;
    private bool _present;
    private bool _left;

    internal RoomConnection(RoomConnector rooms, string id, string group, string name, ConnectionKind kind, ChatIdentity identity, DateTimeOffset connectedAt, IRoomWriter writer)
    {
        Identity = identity;
        _rooms = rooms;
        _writer = writer;
        Id = id;
        Group = group;
        Name = name;
        Kind = kind;
        ConnectedAt = connectedAt;
        _rateLimit = new SendRateLimit(rooms.Limits, rooms.Time);
        _typing = new TypingSignals(rooms.Time);
        Outbox = new MemberOutbox(rooms.OutboundQueueLength, this);
    }

    public string Id { get; }

    public string Group { get; }

    public string Name { get; }

    public ConnectionKind Kind { get; }

    /// <summary>The account the member speaks for, or <see cref="ChatIdentity.Guest"/>.</summary>
    public ChatIdentity Identity { get; }

    /// <summary>When the member came into the room (a page that rejoins after an outage keeps its first time).</summary>
    public DateTimeOffset ConnectedAt { get; }

    internal MemberOutbox Outbox { get; }

    /// <summary>Completes once the connection has left its room, with the reason it ended.</summary>
    public Task<DisconnectReason> Ended => _ended.Task;

    /// <summary>Completes once the writer has said goodbye (or failed): nothing more will be written.</summary>
    public Task Completed => Outbox.Completed;

    /// <summary>
    /// Joins the room: into the bus first, so live messages queue up; then reads what the member
    /// is to see first (what came after <paramref name="since"/>, else the newest
    /// <paramref name="recent"/>); then starts the outbox with the writer's opening, skipping the
    /// queued messages that the history already holds. With <paramref name="announce"/>, presence
    /// tells the room (not when a page only rejoins after an outage).
    /// </summary>
    /// <returns>False when the member could not join; the connection has then ended, with the reason in <see cref="Ended"/>.</returns>
    public async Task<bool> JoinAsync(MessageId? since, int recent, bool announce, CancellationToken cancellationToken)
    {
        using (await _lifecycle.EnterAsync(CancellationToken.None))
        {
            ObjectDisposedException.ThrowIf(_joined || _left, this);
            _joined = true;
            _rooms.Metrics.ConnectionOpened(Kind);
            RoomHistory history;
            try
            {
                await _rooms.Bus.GroupAddAsync(Group, this, cancellationToken);
                history = since is { } after
                    ? await _rooms.History.ReadRecoveryAsync(Group, after, _rooms.RecoveryLimit, cancellationToken)
                    : await _rooms.History.ReadAsync(Group, null, recent, cancellationToken);
            }
            catch (BusUnavailableException ex)
            {
                ConnectionLog.JoinFailed(_rooms.Logger, Kind.ToLabel(), Id, Group, ex);
                await LeaveLockedAsync(DisconnectReason.BusUnavailable, announce: false);
                return false;
            }
            catch (OperationCanceledException)
            {
                // The member went away while joining.
                await LeaveLockedAsync(DisconnectReason.ConnectionLost, announce: false);
                return false;
            }

            // The seam is the newest id read, before edits are folded into the messages they change.
            Outbox.Start(_writer.Opening(this, history.Folded(), since), history.Messages.Count > 0 ? history.Messages[^1].OrderId : since);
            // Watched from here on, not from the start: a close before this point is the join's to handle.
            _ = Outbox.Closed.ContinueWith(closed => LeaveAsync(closed.Result), TaskScheduler.Default);
            if (Outbox.IsClosed)
            {
                // The outbox overflowed while the history was read: the member never got in.
                return false;
            }

            _rooms.Connections.Add(this);
            // In presence from here, whether the room was told (a page that rejoins after an
            // outage is listed already): its leave takes it out.
            _present = true;
            await _rooms.Presence.EnterAsync(Group, PresenceEntry, announce);
            ConnectionLog.Joined(_rooms.Logger, Kind.ToLabel(), Id, Name, Group);
            return true;
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/> to the room as this member, within its rate limit. A member
    /// refused for the burst-th time in a row is flooding, and its connection is closed.
    /// Returns synchronously for a refusal, so a reader knows at once whether to read on. With a
    /// <paramref name="key"/> (<see cref="SendKey"/>) the room takes the message once, however often
    /// it is sent, and a repeat is answered as sent.
    /// </summary>
    public ValueTask<SendOutcome> SendAsync(string text, string? key, CancellationToken cancellationToken) =>
        SendAsync(new MessageDraft(Name, text, Key: key, User: Identity.UserName, Origin: Id), cancellationToken);

    /// <summary>
    /// Sends an edit (its new <paramref name="text"/>) or a deletion of the room's message
    /// <paramref name="target"/>, as a message of this member's within the same rate limit. Who may
    /// change which message is <see cref="MessageChanges"/>'s to decide before this.
    /// </summary>
    internal ValueTask<SendOutcome> SendChangeAsync(MessageKind kind, ChatMessage target, string text, CancellationToken cancellationToken) =>
        SendAsync(new MessageDraft(Name, text, kind, User: Identity.UserName, Origin: Id, Target: target.Id), cancellationToken);

    private ValueTask<SendOutcome> SendAsync(MessageDraft draft, CancellationToken cancellationToken)
    {
        switch (_rateLimit.TryAcquire())
        {
            case SendVerdict.Refused:
                _rooms.Metrics.MessageRefused(Kind, RefusalReason.RateLimit);
                return ValueTask.FromResult(SendOutcome.RateLimited);
            case SendVerdict.Flooding:
                _rooms.Metrics.MessageRefused(Kind, RefusalReason.RateLimit);
                Close(DisconnectReason.Flooding);
                return ValueTask.FromResult(SendOutcome.Flooding);
        }

        var sending = _rooms.Bus.GroupSendAsync(Group, draft, cancellationToken);
        return sending.IsCompletedSuccessfully ? ValueTask.FromResult(SendOutcome.Sent) : new(AnswerAsync(sending));
    }

    /// <summary>
    /// Tells the room that this member is writing, at most once every <see cref="TypingSignals.Interval"/>
    /// (a client may signal on every key press; the rest are dropped here, before the bus). Live only,
    /// never kept; a bus that is down loses it, which costs nothing.
    /// </summary>
    public void SignalTyping()
    {
        if (_typing.TryPass())
        {
            _ = SendTypingAsync();
        }
    }

    /// <summary>
    /// Completes once the member's outbox is at most half full: its reader awaits this before
    /// reading the member's next message, so a member cannot add to its room faster than it
    /// takes in the room's traffic.
    /// </summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken) => Outbox.WaitForRoomAsync(cancellationToken);

    /// <summary>Counts a message refused before it reached <see cref="SendAsync"/> (a malformed JSON frame).</summary>
    public void Refused(RefusalReason reason) => _rooms.Metrics.MessageRefused(Kind, reason);

    /// <summary>Queues a line for this member alone (an error, a notice); nobody else sees it.</summary>
    public void Tell(string text) => Outbox.TryEnqueue(Notice(text));

    /// <summary>A line in the room's own voice, outside its history (an empty id).</summary>
    public ChatMessage Notice(string text, bool? recovered = null) =>
        new(id: "", Group, sender: "", text, _rooms.Time.GetUtcNow(), MessageKind.System, recovered);

    /// <summary>
    /// Ends the connection for a reason of the server's: it leaves its room, the writer says why
    /// after what is queued (at once, for a slow consumer). The first reason wins.
    /// </summary>
    public void Close(DisconnectReason reason) => Outbox.Close(reason);

    /// <summary>The administrator's reason, once the connection was kicked.</summary>
    public string? KickReason { get; private set; }

    /// <summary>Removes the member from its room with an administrator's <paramref name="reason"/>.</summary>
    public void Kick(string reason) => Remove(DisconnectReason.Kicked, reason);

    /// <summary>Removes the member from its room because it may no longer be there (a ban, a revoked token), saying why.</summary>
    public void Revoke(string reason) => Remove(DisconnectReason.Revoked, reason);

    private void Remove(DisconnectReason why, string reason)
    {
        KickReason = reason;
        Close(why);
    }

    /// <summary>
    /// Leaves the room (once; later calls only wait for the first): out of the bus first, so
    /// nothing more is queued; then presence, with the room told unless <paramref name="announce"/>
    /// is false (a page that only rejoins after an outage never left); then the outbox writes what
    /// is queued and the goodbye. If the server closed the connection earlier, its reason stands.
    /// </summary>
    public async Task LeaveAsync(DisconnectReason reason, bool announce = true)
    {
        using (await _lifecycle.EnterAsync(CancellationToken.None))
        {
            await LeaveLockedAsync(reason, announce);
        }
    }

    private async Task LeaveLockedAsync(DisconnectReason reason, bool announce)
    {
        if (_left)
        {
            return;
        }

        _left = true;
        await _rooms.Bus.GroupDiscardAsync(Group, this);
        if (_present && announce)
        {
            await _rooms.Presence.LeaveAsync(Group, PresenceEntry);
        }

        Outbox.Close(reason);
        var final = await Outbox.Closed;
        _rooms.Connections.Remove(this);
        _rooms.Metrics.ConnectionClosed(Kind, final);
        ConnectionLog.Left(_rooms.Logger, Kind.ToLabel(), Id, Group, final.ToLabel());
        _ended.TrySetResult(final);
    }

    private PresenceEntry PresenceEntry => new(Id, Name, Kind, ConnectedAt);

    bool IGroupMember.TryDeliver(ChatMessage message) => Outbox.TryEnqueue(message);

    bool IQueueingGroupMember.TryQueue(ChatMessage message) => Outbox.TryQueue(message);

    void IQueueingGroupMember.Flush() => Outbox.Flush();

    ValueTask IOutboxWriter.WriteAsync(ChatMessage message) => _writer.WriteAsync(message);

    ValueTask IOutboxWriter.CloseAsync(DisconnectReason reason) => _writer.CloseAsync(reason, KickReason);

    private async Task SendTypingAsync()
    {
        try
        {
            await _rooms.Bus.GroupSendAsync(Group, new MessageDraft(Name, "", MessageKind.Typing, User: Identity.UserName, Origin: Id));
        }
        catch (BusUnavailableException ex)
        {
            ConnectionLog.TypingLost(_rooms.Logger, Kind.ToLabel(), Id, Group, ex);
        }
    }

    private async Task<SendOutcome> AnswerAsync(Task sending)
    {
        try
        {
            await sending;
            return SendOutcome.Sent;
        }
        catch (BusUnavailableException ex)
        {
            // Refused, not lost in silence: the caller tells the sender alone.
            ConnectionLog.SendFailed(_rooms.Logger, Kind.ToLabel(), Id, Group, ex);
            _rooms.Metrics.MessageRefused(Kind, RefusalReason.BusUnavailable);
            return SendOutcome.BusUnavailable;
        }
    }
}
