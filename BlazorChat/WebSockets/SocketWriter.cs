using System.Net.WebSockets;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Rooms;

namespace BlazorChat.WebSockets;

/// <summary>
/// How a raw socket's room connection speaks to it: text frames (the tutorial's plain text, or JSON
/// envelopes with <c>?format=json</c>), and a close frame for the way it ends. Once the connection
/// is closed, the socket has <see cref="CloseTimeout"/> to finish the goodbye before it is aborted.
/// </summary>
internal sealed class SocketWriter(WebSocket socket, bool json, int maxMessageBytes, CancellationToken requestAborted) : IRoomWriter, IDisposable
{
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _abort = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);

    /// <summary>Cancelled when the connection drops or the close deadline passes; cancelling a socket operation aborts the socket.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>The welcome, then, for a client recovering from an id, a notice if some is lost and what it missed.</summary>
    public IReadOnlyList<ChatMessage> Opening(RoomConnection connection, RoomHistory history, MessageId? since)
    {
        var welcome = connection.Notice(
            $"[welcome] You are {connection.Name} in #{connection.Group}. Every text frame you send goes to the room; send /close to leave.",
            recovered: since is null ? null : history.Recovered);
        if (since is null)
        {
            return [welcome];
        }

        var opening = new List<ChatMessage>(history.Messages.Count + 2) { welcome };
        if (!history.Recovered)
        {
            opening.Add(connection.Notice(
                $"Some messages after {since} are not recovered: they are no longer kept, or more came than one recovery carries. "
                + $"The newest follow; read the others from /api/rooms/{connection.Group}/messages?since={since}.",
                recovered: false));
        }

        opening.AddRange(history.Messages);
        return opening;
    }

    public ValueTask WriteAsync(ChatMessage message)
    {
        if (json)
        {
            return socket.SendAsync(message.JsonUtf8, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
        }

        // Plain clients get what the tutorial's did: texts, without the room's comings and goings, typing, edits or deletions.
        return message.Kind is MessageKind.Join or MessageKind.Leave or MessageKind.Typing or MessageKind.Edit or MessageKind.Delete
            ? ValueTask.CompletedTask
            : socket.SendAsync(message.TextUtf8, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
    }

    public async ValueTask CloseAsync(DisconnectReason reason, string? detail)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var (status, description) = CloseReasons.For(reason, maxMessageBytes, detail);
            await socket.CloseOutputAsync(status, description, _abort.Token);
        }
    }

    /// <summary>
    /// Gives the socket a bounded time to say goodbye: a client that does not read (a slow
    /// consumer) cannot even take its close frame.
    /// </summary>
    public void AbortAfterCloseTimeout()
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
