using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// Runs one accepted socket in its room: join, read frames into messages for the bus, and leave
/// however the connection ends (Django Channels' consumer connect / receive / disconnect).
/// </summary>
internal sealed class SocketConnectionHandler(
    IGroupBus bus,
    LocalConnections connections,
    RoomPresence presence,
    ChatMetrics metrics,
    IOptions<BusOptions> busOptions,
    IOptions<LimitsOptions> limits,
    IOptions<HistoryOptions> history,
    TimeProvider time,
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

    public async Task RunAsync(HttpContext context, string group, string name, SocketProtocol protocol)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = KeepAlive,
            KeepAliveTimeout = KeepAlive,
        });
        using var rateLimit = new SendRateLimit(limits.Value);
        using var member = new WebSocketMember(socket, group, name, protocol.Json, busOptions.Value.OutboundQueueLength, _maxMessageBytes, time.GetUtcNow(), context.RequestAborted);

        connections.Add(member);
        metrics.ConnectionOpened(Kind);
        try
        {
            await RunMemberAsync(socket, member, group, protocol, rateLimit);
        }
        finally
        {
            connections.Remove(member);
            var reason = await member.Outbox.Closed;
            metrics.ConnectionClosed(Kind, reason);
            ConnectionLog.Left(logger, Kind, member.Id, group, reason.ToLabel());
        }
    }

    private async Task RunMemberAsync(WebSocket socket, WebSocketMember member, string group, SocketProtocol protocol, SendRateLimit rateLimit)
    {
        List<ChatMessage> opening;
        MessageId? seen;
        try
        {
            // Join first, so live messages queue up in the outbox; then read what the client
            // missed; the outbox then writes the welcome, the missed messages, and the queued
            // ones it has not already written (see MemberOutbox.Start). No gap, no duplicate.
            await bus.GroupAddAsync(group, member, member.Aborted);
            (opening, seen) = await OpeningAsync(group, member.Name, protocol, member.Aborted);
        }
        catch (BusUnavailableException ex)
        {
            WebSocketLog.JoinFailed(logger, member.Id, group, ex);
            await bus.GroupDiscardAsync(group, member);
            member.Outbox.Close(DisconnectReason.BusUnavailable);
            member.Outbox.Start();
            await member.Outbox.Completed;
            return;
        }

        // The writer starts only now, so a client that has read its welcome knows it is in the room.
        member.Outbox.Start(opening, seen);
        var presenceEntry = new PresenceEntry(member.Id, member.Name, Kind, time.GetUtcNow());
        await presence.EnterAsync(group, presenceEntry);
        ConnectionLog.Joined(logger, Kind, member.Id, member.Name, group);
        DisconnectReason reason = DisconnectReason.ConnectionLost;
        try
        {
            reason = await ReceiveAsync(socket, member, group, protocol.Json, rateLimit);
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
            await presence.LeaveAsync(group, presenceEntry);
            member.Outbox.Close(reason);
            await member.Outbox.Completed;
            if (socket.State == WebSocketState.CloseSent)
            {
                await AwaitClientCloseAsync(socket, member.Aborted);
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
    private async Task<DisconnectReason> ReceiveAsync(
        WebSocket socket, WebSocketMember member, string group, bool json, SendRateLimit rateLimit)
    {
        var sends = new PendingSends(ex =>
        {
            // Refused, not lost in silence: the sender alone is told, and the socket stays open.
            WebSocketLog.SendFailed(logger, member.Id, group, ex);
            metrics.MessageRefused(Kind, "bus_unavailable");
            member.Outbox.TryEnqueue(Notice(group, "[error] not sent: the chat bus is unavailable; try again shortly"));
        });
        try
        {
            return await ReceiveMessagesAsync(socket, member, group, json, rateLimit, sends);
        }
        finally
        {
            await sends.DrainAsync();
        }
    }

    private async Task<DisconnectReason> ReceiveMessagesAsync(
        WebSocket socket, WebSocketMember member, string group, bool json, SendRateLimit rateLimit, PendingSends sends)
    {
        while (true)
        {
            // A client that cannot keep up with its room's traffic is not let to add to it.
            await member.Outbox.WaitForRoomAsync(member.Aborted);
            var (ending, text) = await ReadTextAsync(socket, member.Aborted);
            if (ending is { } reason)
            {
                return reason;
            }

            if (text is "关闭" or "/close")
            {
                return DisconnectReason.ClientClosed;
            }

            if (json)
            {
                if (ClientMessages.TryRead(text, out var problem) is not { } read)
                {
                    // A mistake, not an attack: say what was wrong and keep the connection.
                    metrics.MessageRefused(Kind, "bad_input");
                    member.Outbox.TryEnqueue(Notice(group, $"[error] {problem}"));
                    continue;
                }

                text = read;
            }

            switch (rateLimit.TryAcquire())
            {
                case SendVerdict.Refused:
                    metrics.MessageRefused(Kind, "rate_limit");
                    member.Outbox.TryEnqueue(Notice(group, $"[error] not sent: {SendRateLimit.Advice(limits.Value)}"));
                    continue;
                case SendVerdict.Flooding:
                    metrics.MessageRefused(Kind, "rate_limit");
                    return DisconnectReason.Flooding;
            }

            await sends.AddAsync(bus.GroupSendAsync(group, new MessageDraft(member.Name, text), member.Aborted));
        }
    }

    /// <summary>Reads the next message as text, or the reason the connection must end instead.</summary>
    private async Task<(DisconnectReason? Ending, string Text)> ReadTextAsync(WebSocket socket, CancellationToken aborted)
    {
        // An idle socket holds no buffer: a zero-byte read waits for the next frame, and a buffer
        // is rented only to read it (thousands of quiet clients then cost kilobytes less each).
        var next = await socket.ReceiveAsync(Memory<byte>.Empty, aborted);
        if (next.MessageType == WebSocketMessageType.Close)
        {
            return (DisconnectReason.ClientClosed, "");
        }

        // One byte more than the limit: reading it is how an oversized message is noticed
        // without reading any further.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_maxMessageBytes + 1);
        try
        {
            var window = buffer.AsMemory(0, _maxMessageBytes + 1);
            int length = 0;
            ValueWebSocketReceiveResult frame;
            do
            {
                frame = await socket.ReceiveAsync(window[length..], aborted);
                switch (frame.MessageType)
                {
                    case WebSocketMessageType.Close:
                        return (DisconnectReason.ClientClosed, "");
                    case WebSocketMessageType.Binary:
                        return (DisconnectReason.BinaryMessage, "");
                }

                length += frame.Count;
                if (length > _maxMessageBytes)
                {
                    return (DisconnectReason.MessageTooBig, "");
                }
            }
            while (!frame.EndOfMessage);

            return (null, StrictUtf8.GetString(buffer, 0, length));
        }
        catch (DecoderFallbackException)
        {
            return (DisconnectReason.InvalidText, "");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>After our close frame, reads (and ignores) until the client's, within the close deadline.</summary>
    private static async Task AwaitClientCloseAsync(WebSocket socket, CancellationToken aborted)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256);
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
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What a client gets before the live messages: the welcome, and what it asked to recover.</summary>
    private async Task<(List<ChatMessage> Opening, MessageId? Seen)> OpeningAsync(
        string group, string name, SocketProtocol protocol, CancellationToken cancellationToken)
    {
        if (protocol.Since is not { } since)
        {
            return ([Welcome(group, name, recovered: null)], null);
        }

        var missed = await bus.ReadAllAfterAsync(group, since, history.Value.Length, cancellationToken);
        var opening = new List<ChatMessage>(missed.Messages.Count + 2) { Welcome(group, name, missed.Recovered) };
        if (!missed.Recovered)
        {
            opening.Add(Notice(group,
                $"Some messages after {protocol.Since} are no longer kept; the oldest kept ones follow.", recovered: false));
        }

        opening.AddRange(missed.Messages);
        return (opening, missed.Messages.Count > 0 ? missed.Messages[^1].OrderId : since);
    }

    private ChatMessage Welcome(string group, string name, bool? recovered) =>
        Notice(group, $"[welcome] You are {name} in #{group}. Every text frame you send goes to the room; send /close to leave.", recovered);

    private ChatMessage Notice(string group, string text, bool? recovered = null) =>
        new(id: "", group, sender: "", text, time.GetUtcNow(), MessageKind.System, recovered);
}
