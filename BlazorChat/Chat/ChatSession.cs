using BlazorChat.Bus;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using Microsoft.Extensions.Options;

namespace BlazorChat.Chat;

/// <summary>
/// One browser tab's place in a room: a scoped service, so there is one per Blazor circuit, and it
/// is disposed with the circuit, which takes it out of its room. Messages reach the page through
/// <see cref="MessageReceived"/>, raised from the bus's side; the page marshals them onto its
/// renderer with <c>InvokeAsync</c>.
/// </summary>
/// <remarks>
/// Each join makes a fresh <see cref="Membership"/> (a member with its own bounded outbox), so
/// whatever the previous room still had queued can never reach the page after it left.
/// </remarks>
public sealed class ChatSession : IAsyncDisposable
{
    public const string Kind = "browser";

    private readonly IGroupBus _bus;
    private readonly RoomPresence _presence;
    private readonly ChatMetrics _metrics;
    private readonly LocalConnections _connections;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatSession> _logger;
    private readonly int _outboundQueueLength;
    private readonly int _maxMessageBytes;
    private readonly int _historyOnJoin;
    private readonly int _historyLength;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LimitsOptions _limits;
    private readonly SendRateLimit _rateLimit;
    private Membership? _current;
    private DateTimeOffset _since;
    private bool _disposed;

    public ChatSession(
        IGroupBus bus,
        RoomPresence presence,
        IOptions<BusOptions> busOptions,
        IOptions<LimitsOptions> limits,
        IOptions<HistoryOptions> history,
        ChatMetrics metrics,
        LocalConnections connections,
        TimeProvider time,
        ILogger<ChatSession> logger)
    {
        _connections = connections;
        _logger = logger;
        _presence = presence;
        _historyOnJoin = history.Value.OnJoin;
        _historyLength = history.Value.Length;
        _bus = bus;
        _metrics = metrics;
        _time = time;
        _outboundQueueLength = busOptions.Value.OutboundQueueLength;
        _maxMessageBytes = limits.Value.MaxMessageBytes;
        _limits = limits.Value;
        _rateLimit = new SendRateLimit(limits.Value);
        _bus.AvailabilityChanged += OnBusAvailabilityChanged;
    }

    /// <summary>This tab's id in presence, kept across rejoins after an outage.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The room this session is in, or was last in.</summary>
    public string? Group { get; private set; }

    public string Name { get; private set; } = "";

    public SessionStatus Status { get; private set; } = SessionStatus.Disconnected;

    /// <summary>Why the status is what it is, when that needs saying (dropped, bus down).</summary>
    public string? StatusDetail { get; private set; }

    public int MaxMessageBytes => _maxMessageBytes;

    /// <summary>Each message for the page, in order, one at a time; raised off the renderer's thread.</summary>
    public event Func<ChatMessage, Task>? MessageReceived;

    /// <summary>Raised, on any thread, when <see cref="Status"/> changes.</summary>
    public event Action? StatusChanged;

    /// <summary>
    /// Joins <paramref name="group"/> as <paramref name="name"/>, leaving any room first. The page
    /// gets the room's last <c>History:OnJoin</c> messages (or, with <paramref name="since"/>, what
    /// came after that id), a <c>[connected]</c> line, then the live ones.
    /// </summary>
    /// <returns>False when the bus could not take the session in (see <see cref="StatusDetail"/>).</returns>
    public async Task<bool> JoinAsync(string group, string name, MessageId? since = null, CancellationToken cancellationToken = default)
    {
        GroupName.Validate(group);
        if (!DisplayName.IsValid(name))
        {
            throw new ArgumentException(DisplayName.Rule, nameof(name));
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await LeaveCurrentAsync();
            Group = group;
            Name = name;
            return await EnterAsync(group, since, announce: true, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Takes a fresh membership of <paramref name="group"/>. Joins first, reads history second,
    /// and lets the outbox drop what the history already holds: the seam has no gap and no
    /// duplicate. With <paramref name="since"/>, recovers what came after it instead of the newest.
    /// </summary>
    private async Task<bool> EnterAsync(string group, MessageId? since, bool announce, CancellationToken cancellationToken)
    {
        SetStatus(SessionStatus.Connecting, null);
        var membership = new Membership(this, group, _outboundQueueLength);
        RoomHistory history;
        try
        {
            await _bus.GroupAddAsync(group, membership, cancellationToken);
            history = since is { } after
                ? await _bus.ReadAllAfterAsync(group, after, _historyLength, cancellationToken)
                : await _bus.ReadHistoryAsync(group, null, _historyOnJoin, cancellationToken);
        }
        catch (BusUnavailableException)
        {
            await _bus.GroupDiscardAsync(group, membership);
            SetStatus(SessionStatus.BusDown, "The chat bus is unavailable, so the room cannot be joined. Try connecting again shortly.");
            return false;
        }

        var opening = new List<ChatMessage>(history.Messages);
        if (!history.Recovered)
        {
            opening.Add(Line(group, "Some messages from while you were away are no longer kept."));
        }

        opening.Add(Line(group, "[connected]"));
        _current = membership;
        _metrics.ConnectionOpened(Kind);
        membership.Outbox.Start(opening, history.Messages.Count > 0 ? history.Messages[^1].OrderId : since);
        _since = announce ? _time.GetUtcNow() : _since;
        _connections.Add(membership);
        await _presence.EnterAsync(group, PresenceEntry(), announce);
        ConnectionLog.Joined(_logger, Kind, Id, Name, group);
        SetStatus(_bus.IsAvailable ? SessionStatus.Connected : SessionStatus.BusDown, BusDownDetail());
        return true;
    }

    /// <summary>
    /// After the bus comes back, rejoins with what the page missed meanwhile: other instances may
    /// have carried on while this one could not hear them.
    /// </summary>
    private async Task RecoverAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed || _current is not { } membership || !_bus.IsAvailable)
            {
                return;
            }

            // Presence stays as it is: the tab never left, it only could not hear.
            await LeaveCurrentAsync(announce: false);
            await EnterAsync(membership.Group, membership.LastSeen, announce: false, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    private ChatMessage Line(string group, string text) => new("", group, "", text, _time.GetUtcNow(), MessageKind.System);

    /// <summary>Leaves the room; the page receives nothing more until it joins again.</summary>
    public async Task LeaveAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await LeaveCurrentAsync();
            SetStatus(SessionStatus.Disconnected, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a message to the room, or says why it was not sent (the text is then the page's to keep).</summary>
    public async Task<SendResult> SendAsync(string text, CancellationToken cancellationToken = default)
    {
        if (MessageText.Explain(text, _maxMessageBytes) is { } problem)
        {
            return SendResult.Refused(problem);
        }

        var membership = _current;
        if (membership is null)
        {
            return SendResult.Refused("Connect to the room to send messages.");
        }

        switch (_rateLimit.TryAcquire())
        {
            case SendVerdict.Refused:
                _metrics.MessageRefused(Kind, "rate_limit");
                return SendResult.Refused($"Not sent: {SendRateLimit.Advice(_limits)} Your text is kept.");
            case SendVerdict.Flooding:
                _metrics.MessageRefused(Kind, "rate_limit");
                membership.Outbox.Close(DisconnectReason.Flooding);
                return SendResult.Refused("Not sent: too many messages. You were disconnected; connect again to rejoin.");
        }

        try
        {
            await _bus.GroupSendAsync(membership.Group, new MessageDraft(Name, text), cancellationToken);
            return SendResult.Ok;
        }
        catch (BusUnavailableException)
        {
            _metrics.MessageRefused(Kind, "bus_unavailable");
            return SendResult.Refused("Not sent: the chat bus is unavailable. Your text is kept; try again shortly.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _bus.AvailabilityChanged -= OnBusAvailabilityChanged;
        _rateLimit.Dispose();
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            await LeaveCurrentAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LeaveCurrentAsync(bool announce = true)
    {
        if (Interlocked.Exchange(ref _current, null) is { } membership)
        {
            await _bus.GroupDiscardAsync(membership.Group, membership);
            if (announce)
            {
                await _presence.LeaveAsync(membership.Group, PresenceEntry());
            }

            membership.End(DisconnectReason.ClientClosed);
        }
    }

    private PresenceEntry PresenceEntry() => new(Id, Name, Kind, _since);

    private async ValueTask DeliverToPageAsync(Membership membership, ChatMessage message)
    {
        if (!ReferenceEquals(membership, _current))
        {
            return;
        }

        if (message.OrderId is { } id)
        {
            membership.LastSeen = id;
        }

        if (MessageReceived is { } handler)
        {
            await handler(message);
        }
    }

    // The outbox closed for a reason of the server's (too slow, stopping): leave for good and say why.
    private async Task OnMembershipClosedAsync(Membership membership, DisconnectReason reason)
    {
        if (reason == DisconnectReason.ClientClosed || Interlocked.CompareExchange(ref _current, null, membership) != membership)
        {
            return;
        }

        await _bus.GroupDiscardAsync(membership.Group, membership);
        await _presence.LeaveAsync(membership.Group, PresenceEntry());
        membership.End(reason);
        SetStatus(SessionStatus.Dropped, reason switch
        {
            DisconnectReason.SlowConsumer => "Disconnected: this page fell too far behind the room. Connect again to rejoin.",
            DisconnectReason.ServerStopping => "Disconnected: the server is stopping. Connect again in a moment.",
            DisconnectReason.Flooding => "Disconnected: too many messages in too little time. Connect again to rejoin.",
            DisconnectReason.Kicked => $"Removed from the room by an administrator: {membership.KickReason}",
            _ => $"Disconnected ({reason}). Connect again to rejoin.",
        });
    }

    private void OnBusAvailabilityChanged()
    {
        if (_current is null)
        {
            return;
        }

        if (_bus.IsAvailable)
        {
            _ = RecoverAsync();
        }
        else
        {
            SetStatus(SessionStatus.BusDown, BusDownDetail());
        }
    }

    private string? BusDownDetail() =>
        _bus.IsAvailable ? null : "The chat bus is unavailable: messages cannot be sent or received until it is back.";

    private void SetStatus(SessionStatus status, string? detail)
    {
        Status = status;
        StatusDetail = detail;
        StatusChanged?.Invoke();
    }

    /// <summary>The session's membership of one room, from one join to its leave.</summary>
    private sealed class Membership : IGroupMember, IOutboxWriter, ILocalConnection
    {
        private readonly ChatSession _session;
        private int _ended;

        public Membership(ChatSession session, string group, int outboundQueueLength)
        {
            _session = session;
            Group = group;
            Outbox = new MemberOutbox(outboundQueueLength, this);
            // Watched here rather than in CloseAsync: a page too slow to take its messages would
            // reach CloseAsync only after the write it is stuck in.
            Outbox.Closed.ContinueWith(
                closed => _session.OnMembershipClosedAsync(this, closed.Result),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        public string Id { get; } = Guid.NewGuid().ToString("N");

        public string Group { get; }

        public string Kind => ChatSession.Kind;

        public string Name => _session.Name;

        public DateTimeOffset ConnectedAt => _session._since;

        public MemberOutbox Outbox { get; }

        public string? KickReason { get; private set; }

        /// <summary>The id of the newest message handed to the page, to recover from.</summary>
        public MessageId? LastSeen { get; set; }

        public bool TryDeliver(ChatMessage message) => Outbox.TryEnqueue(message);

        public bool TryQueue(ChatMessage message) => Outbox.TryQueue(message);

        public void Flush() => Outbox.Flush();

        public void Kick(string reason)
        {
            KickReason = reason;
            Outbox.Close(DisconnectReason.Kicked);
        }

        /// <summary>Closes the outbox and counts the disconnect, once.</summary>
        public void End(DisconnectReason reason)
        {
            Outbox.Close(reason);
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                _session._connections.Remove(this);
                _session._metrics.ConnectionClosed(Kind, reason);
                ConnectionLog.Left(_session._logger, Kind, _session.Id, Group, reason.ToLabel());
            }
        }

        ValueTask IOutboxWriter.WriteAsync(ChatMessage message) => _session.DeliverToPageAsync(this, message);

        // A page needs no goodbye frame; the status change says it all.
        ValueTask IOutboxWriter.CloseAsync(DisconnectReason reason) => ValueTask.CompletedTask;
    }
}
