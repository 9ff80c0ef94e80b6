using System.Net.WebSockets;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Rooms;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// Runs one accepted socket in its room (Django Channels' consumer connect / receive /
/// disconnect): its <see cref="RoomConnection"/> does the room's part, and this reads the
/// client's frames into messages for it, as the socket protocol has them.
/// </summary>
internal sealed class SocketConnectionHandler(RoomConnector rooms, MessageChanges changes, IOptions<LimitsOptions> limits)
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProtocolErrorLinger = TimeSpan.FromMilliseconds(500);

    public async Task RunAsync(HttpContext context, string group, string name, ChatIdentity identity, SocketProtocol protocol)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = KeepAlive,
            KeepAliveTimeout = KeepAlive,
        });
        using var writer = new SocketWriter(socket, protocol.Json, limits.Value.MaxMessageBytes, context.RequestAborted);
        var connection = rooms.Open(group, name, ConnectionKind.Socket, writer, identity: identity);
        _ = connection.Ended.ContinueWith(_ => writer.AbortAfterCloseTimeout(), TaskScheduler.Default);

        // The writer starts only once the member is in, so a client that has read its welcome knows it is in the room.
        if (!await connection.JoinAsync(protocol.Since, recent: 0, announce: true, writer.Aborted))
        {
            await connection.Completed;
            return;
        }

        DisconnectReason reason = DisconnectReason.ConnectionLost;
        try
        {
            reason = await ReceiveAsync(socket, connection, protocol.Json, writer.Aborted);
        }
        catch (WebSocketException ex) when (ex.WebSocketErrorCode == WebSocketError.Faulted && socket.State == WebSocketState.Aborted)
        {
            // The socket found a protocol error itself (invalid UTF-8 in a text frame among them),
            // sent its close frame (1007 or 1002) and gave up.
            reason = DisconnectReason.ProtocolError;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Dropped without a close frame, or aborted at the close deadline.
        }
        finally
        {
            await connection.LeaveAsync(reason);
            await connection.Completed;
            if (socket.State == WebSocketState.CloseSent)
            {
                await SocketFrames.AwaitClientCloseAsync(socket, writer.Aborted);
            }
        }

        if (reason == DisconnectReason.ProtocolError)
        {
            // An aborted socket's connection would close at once, and the reset can overtake the
            // close frame the socket just wrote; holding it a moment lets the client read why.
            await Task.Delay(ProtocolErrorLinger, CancellationToken.None);
        }
    }

    /// <summary>Reads messages until the connection must end, and says why.</summary>
    private async Task<DisconnectReason> ReceiveAsync(WebSocket socket, RoomConnection connection, bool json, CancellationToken aborted)
    {
        var sends = new PendingSends(outcome => connection.Tell(outcome switch
        {
            SendOutcome.RateLimited => $"[error] not sent: {SendRateLimit.Advice(limits.Value)}",
            SendOutcome.NoSuchMessage => "[error] not changed: the room keeps no message of anyone's with that id.",
            SendOutcome.NotAllowed => "[error] not changed: only its sender or the room's owner or moderators may change a message.",
            _ => "[error] not sent: the chat bus is unavailable; try again shortly",
        }));
        try
        {
            while (true)
            {
                // A client that cannot keep up with its room's traffic is not let to add to it.
                await connection.WaitForRoomAsync(aborted);
                var (ending, text) = await SocketFrames.ReadTextAsync(socket, limits.Value.MaxMessageBytes, aborted);
                if (ending is { } reason)
                {
                    return reason;
                }

                if (text is "关闭" or "/close")
                {
                    return DisconnectReason.ClientClosed;
                }

                string? key = null;
                if (json)
                {
                    if (ClientMessages.TryRead(text, out var problem) is not { } read)
                    {
                        // A mistake, not an attack: say what was wrong and keep the connection.
                        connection.Refused(RefusalReason.BadInput);
                        connection.Tell($"[error] {problem}");
                        continue;
                    }

                    if ((read.Edit ?? read.Delete) is { } target)
                    {
                        // Answered before the next frame is read, so the change keeps its place among the sender's messages.
                        var kind = read.Delete is null ? MessageKind.Edit : MessageKind.Delete;
                        MessageId.TryParse(target, out var id);
                        await sends.AddAsync(ValueTask.FromResult(await changes.SendAsync(connection, kind, id, read.Text ?? "", aborted)));
                        continue;
                    }

                    if (read.Text is null)
                    {
                        connection.SignalTyping();
                        continue;
                    }

                    (text, key) = (read.Text, read.Key);
                }

                var send = connection.SendAsync(text, key, aborted);
                if (send.IsCompletedSuccessfully && send.Result == SendOutcome.Flooding)
                {
                    return DisconnectReason.Flooding;
                }

                await sends.AddAsync(send);
            }
        }
        finally
        {
            await sends.DrainAsync();
        }
    }
}
