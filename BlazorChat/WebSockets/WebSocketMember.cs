using System.Net.WebSockets;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;

namespace BlazorChat.WebSockets;

/// <summary>
/// A raw socket in a room. The bus fills its <see cref="Outbox"/>, which writes to the socket one
/// message at a time, so sends never overlap and no lock is held while writing. Once the outbox
/// closes, it sends the close frame for its reason, and the socket has <see cref="CloseTimeout"/>
/// to finish the goodbye before it is aborted.
/// </summary>
internal sealed class WebSocketMember : IGroupMember, IOutboxWriter, ILocalConnection, IDisposable
{
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly int _maxMessageBytes;
    private readonly CancellationTokenSource _abort;

    private readonly bool _json;
    private string? _kickReason;

    public WebSocketMember(WebSocket socket, string group, string name, bool json, int outboundQueueLength, int maxMessageBytes, DateTimeOffset connectedAt, CancellationToken requestAborted)
    {
        _socket = socket;
        _json = json;
        _maxMessageBytes = maxMessageBytes;
        Group = group;
        Name = name;
        ConnectedAt = connectedAt;
        Outbox = new MemberOutbox(outboundQueueLength, this);
        _abort = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        // Whoever closes the outbox, the socket gets a bounded time to say goodbye: a client
        // that does not read (a slow consumer) cannot even take its close frame.
        Outbox.Closed.ContinueWith(_ => AbortAfterCloseTimeout(), TaskScheduler.Default);
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public string Kind => SocketConnectionHandler.Kind;

    public string Group { get; }

    public string Name { get; }

    public DateTimeOffset ConnectedAt { get; }

    public MemberOutbox Outbox { get; }

    /// <summary>Cancelled when the connection drops or the close deadline passes; cancelling a socket operation aborts the socket.</summary>
    public CancellationToken Aborted => _abort.Token;

    public bool TryDeliver(ChatMessage message) => Outbox.TryEnqueue(message);

    public bool TryQueue(ChatMessage message) => Outbox.TryQueue(message);

    public void Flush() => Outbox.Flush();

    public void Kick(string reason)
    {
        _kickReason = reason;
        Outbox.Close(DisconnectReason.Kicked);
    }

    ValueTask IOutboxWriter.WriteAsync(ChatMessage message)
    {
        if (_json)
        {
            return _socket.SendAsync(message.JsonUtf8, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
        }

        // Plain clients get what the tutorial's did: texts, without the room's comings and goings.
        return message.Kind is MessageKind.Join or MessageKind.Leave
            ? ValueTask.CompletedTask
            : _socket.SendAsync(message.TextUtf8, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
    }

    async ValueTask IOutboxWriter.CloseAsync(DisconnectReason reason)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var (status, description) = CloseReasons.For(reason, _maxMessageBytes, _kickReason);
            await _socket.CloseOutputAsync(status, description, _abort.Token);
        }
    }

    private void AbortAfterCloseTimeout()
    {
        try
        {
            _abort.CancelAfter(CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended: there is nothing left to abort.
        }
    }

    public void Dispose() => _abort.Dispose();
}
