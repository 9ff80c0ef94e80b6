using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// Runs one accepted socket in its room: join, read frames into messages for the bus, and leave
/// however the connection ends (Django Channels' consumer connect / receive / disconnect).
/// </summary>
internal sealed class SocketConnectionHandler(
    IGroupBus bus,
    OpenSockets openSockets,
    ChatMetrics metrics,
    IOptions<BusOptions> busOptions,
    IOptions<LimitsOptions> limits,
    ILogger<SocketConnectionHandler> logger)
{
    public const string Kind = "socket";

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProtocolErrorLinger = TimeSpan.FromMilliseconds(500);

    // Throws on invalid UTF-8 instead of substituting U+FFFD, so bad text is refused, not altered.
    // Kestrel's sockets validate text frames before this sees them; this keeps the rule whatever
    // WebSocket implementation is underneath.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly int _maxMessageBytes = limits.Value.MaxMessageBytes;

    public async Task RunAsync(HttpContext context, string group, string name)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = KeepAlive,
            KeepAliveTimeout = KeepAlive,
        });
        using var member = new WebSocketMember(socket, name, busOptions.Value.OutboundQueueLength, _maxMessageBytes, context.RequestAborted);

        openSockets.Add(member);
        metrics.ConnectionOpened(Kind);
        try
        {
            await RunMemberAsync(socket, member, group);
        }
        finally
        {
            openSockets.Remove(member);
            var reason = await member.Outbox.Closed;
            metrics.ConnectionClosed(Kind, reason);
            WebSocketLog.Closed(logger, member.Id, group, reason);
        }
    }

    private async Task RunMemberAsync(WebSocket socket, WebSocketMember member, string group)
    {
        // The welcome is queued before the member joins, so it is the first frame the client gets;
        // and the outbox starts writing only after the join, so a client that has read its
        // welcome knows it is in the room.
        member.Outbox.TryEnqueue(Welcome(group, member.Name));
        try
        {
            await bus.GroupAddAsync(group, member, member.Aborted);
        }
        catch (BusUnavailableException ex)
        {
            WebSocketLog.JoinFailed(logger, member.Id, group, ex);
            member.Outbox.Close(DisconnectReason.BusUnavailable);
            await member.Outbox.Completed;
            return;
        }

        WebSocketLog.Opened(logger, member.Id, member.Name, group);
        member.Outbox.Start();
        DisconnectReason reason = DisconnectReason.ConnectionLost;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_maxMessageBytes + 1);
        try
        {
            reason = await ReceiveAsync(socket, member, group, buffer);
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
            // Leave first, so nothing more is queued; then let the outbox write what is queued and
            // the close frame. If the server closed the outbox earlier, its reason stands.
            await bus.GroupDiscardAsync(group, member);
            member.Outbox.Close(reason);
            await member.Outbox.Completed;
            if (socket.State == WebSocketState.CloseSent)
            {
                await AwaitClientCloseAsync(socket, buffer, member.Aborted);
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (reason == DisconnectReason.ProtocolError)
        {
            // An aborted socket's connection would close at once, and the reset can overtake the
            // close frame the socket just wrote; holding it a moment lets the client read why.
            await Task.Delay(ProtocolErrorLinger, CancellationToken.None);
        }
    }

    /// <summary>Reads messages until the connection must end, and says why.</summary>
    private async Task<DisconnectReason> ReceiveAsync(WebSocket socket, WebSocketMember member, string group, byte[] buffer)
    {
        // One byte more than the limit: reading it is how an oversized message is noticed
        // without reading any further.
        var window = buffer.AsMemory(0, _maxMessageBytes + 1);
        while (true)
        {
            // A client that cannot keep up with its room's traffic is not let to add to it.
            await member.Outbox.WaitForRoomAsync(member.Aborted);
            int length = 0;
            ValueWebSocketReceiveResult frame;
            do
            {
                frame = await socket.ReceiveAsync(window[length..], member.Aborted);
                switch (frame.MessageType)
                {
                    case WebSocketMessageType.Close:
                        return DisconnectReason.ClientClosed;
                    case WebSocketMessageType.Binary:
                        return DisconnectReason.BinaryMessage;
                }

                length += frame.Count;
                if (length > _maxMessageBytes)
                {
                    return DisconnectReason.MessageTooBig;
                }
            }
            while (!frame.EndOfMessage);

            string text;
            try
            {
                text = StrictUtf8.GetString(buffer, 0, length);
            }
            catch (DecoderFallbackException)
            {
                return DisconnectReason.InvalidText;
            }

            if (text is "关闭" or "/close")
            {
                return DisconnectReason.ClientClosed;
            }

            try
            {
                await bus.GroupSendAsync(group, new MessageDraft(member.Name, text), member.Aborted);
            }
            catch (BusUnavailableException ex)
            {
                // Refused, not lost in silence: the sender alone is told, and the socket stays open.
                WebSocketLog.SendFailed(logger, member.Id, group, ex);
                member.Outbox.TryEnqueue(Notice(group, "[error] not sent: the chat bus is unavailable; try again shortly"));
            }
        }
    }

    /// <summary>After our close frame, reads (and ignores) until the client's, within the close deadline.</summary>
    private static async Task AwaitClientCloseAsync(WebSocket socket, byte[] buffer, CancellationToken aborted)
    {
        try
        {
            while ((await socket.ReceiveAsync(buffer.AsMemory(), aborted)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away without answering; the connection is over either way.
        }
    }

    private static ChatMessage Welcome(string group, string name) =>
        Notice(group, $"[welcome] You are {name} in #{group}. Every text frame you send goes to the room; send /close to leave.");

    private static ChatMessage Notice(string group, string text) =>
        new(id: "", group, sender: "", text, DateTimeOffset.UtcNow, MessageKind.System);
}
