using BlazorChat.Bus;
using BlazorChat.Diagnostics;
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
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly int _outboundQueueLength;
    private readonly int _maxMessageBytes;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Membership? _current;
    private bool _disposed;

    public ChatSession(IGroupBus bus, IOptions<BusOptions> busOptions, IOptions<LimitsOptions> limits, ChatMetrics metrics, TimeProvider time)
    {
        _bus = bus;
        _metrics = metrics;
        _time = time;
        _outboundQueueLength = busOptions.Value.OutboundQueueLength;
        _maxMessageBytes = limits.Value.MaxMessageBytes;
        _bus.AvailabilityChanged += OnBusAvailabilityChanged;
    }

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

    /// <summary>Joins <paramref name="group"/> as <paramref name="name"/>, leaving any room first.</summary>
    /// <returns>False when the bus could not take the session in (see <see cref="StatusDetail"/>).</returns>
    public async Task<bool> JoinAsync(string group, string name, CancellationToken cancellationToken = default)
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
            SetStatus(SessionStatus.Connecting, null);

            var membership = new Membership(this, group, _outboundQueueLength);
            // Queued before the join and written after it, so it is the first line of the room.
            membership.Outbox.TryEnqueue(new ChatMessage("", group, "", "[connected]", _time.GetUtcNow(), MessageKind.System));
            try
            {
                await _bus.GroupAddAsync(group, membership, cancellationToken);
            }
            catch (BusUnavailableException)
            {
                SetStatus(SessionStatus.BusDown, "The chat bus is unavailable, so the room cannot be joined. Try connecting again shortly.");
                return false;
            }

            _current = membership;
            _metrics.ConnectionOpened(Kind);
            membership.Outbox.Start();
            SetStatus(_bus.IsAvailable ? SessionStatus.Connected : SessionStatus.BusDown, BusDownDetail());
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

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

        try
        {
            await _bus.GroupSendAsync(membership.Group, new MessageDraft(Name, text), cancellationToken);
            return SendResult.Ok;
        }
        catch (BusUnavailableException)
        {
            return SendResult.Refused("Not sent: the chat bus is unavailable. Your text is kept; try again shortly.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _bus.AvailabilityChanged -= OnBusAvailabilityChanged;
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

    private async Task LeaveCurrentAsync()
    {
        if (Interlocked.Exchange(ref _current, null) is { } membership)
        {
            await _bus.GroupDiscardAsync(membership.Group, membership);
            membership.End(DisconnectReason.ClientClosed);
        }
    }

    private async ValueTask DeliverToPageAsync(Membership membership, ChatMessage message)
    {
        if (ReferenceEquals(membership, _current) && MessageReceived is { } handler)
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
        membership.End(reason);
        SetStatus(SessionStatus.Dropped, reason switch
        {
            DisconnectReason.SlowConsumer => "Disconnected: this page fell too far behind the room. Connect again to rejoin.",
            DisconnectReason.ServerStopping => "Disconnected: the server is stopping. Connect again in a moment.",
            _ => $"Disconnected ({reason}). Connect again to rejoin.",
        });
    }

    private void OnBusAvailabilityChanged()
    {
        if (_current is null)
        {
            return;
        }

        SetStatus(_bus.IsAvailable ? SessionStatus.Connected : SessionStatus.BusDown, BusDownDetail());
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
    private sealed class Membership : IGroupMember, IOutboxWriter
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

        public MemberOutbox Outbox { get; }

        public bool TryDeliver(ChatMessage message) => Outbox.TryEnqueue(message);

        /// <summary>Closes the outbox and counts the disconnect, once.</summary>
        public void End(DisconnectReason reason)
        {
            Outbox.Close(reason);
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                _session._metrics.ConnectionClosed(Kind, reason);
            }
        }

        ValueTask IOutboxWriter.WriteAsync(ChatMessage message) => _session.DeliverToPageAsync(this, message);

        // A page needs no goodbye frame; the status change says it all.
        ValueTask IOutboxWriter.CloseAsync(DisconnectReason reason) => ValueTask.CompletedTask;
    }
}
