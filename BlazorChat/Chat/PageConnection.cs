using BlazorChat.Rooms;

namespace BlazorChat.Chat;

/// <summary>
/// A room connection as a page holds it: the connection, the writer that shows its messages, and
/// the page's side of speaking through it (a message with its retry key, an edit or a delete, a
/// typing signal), each answered as a <see cref="SendResult"/> the page can show.
/// </summary>
internal sealed class PageConnection
{
    private readonly RoomConnector _rooms;
    private readonly PageWriter _writer;
    private int _stopped;

    private PageConnection(RoomConnector rooms, RoomConnection connection, PageWriter writer)
    {
        (_rooms, Connection, _writer) = (rooms, connection, writer);
    }

    public RoomConnection Connection { get; }

    /// <summary>Opens a browser connection to <paramref name="seat"/>'s room whose messages go to <paramref name="show"/>; it has yet to join.</summary>
    public static PageConnection Open(RoomConnector rooms, SessionSeat seat, string id, DateTimeOffset? connectedAt, Func<ChatMessage, Task> show)
    {
        var writer = new PageWriter(show);
        return new(rooms, rooms.Open(seat.Group, seat.Name, ConnectionKind.Browser, writer, id, connectedAt, seat.Identity), writer);
    }

    /// <summary>The id of the newest message of the room's history that the page was shown.</summary>
    public MessageId? LastShown => _writer.LastShown;

    /// <summary>
    /// Stops showing what the connection still has queued. Only the first call is true: a
    /// connection that ends on its own and the page leaving may race, and one of them acts.
    /// </summary>
    public bool TryStop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return false;
        }

        _writer.Stop();
        return true;
    }

    public async Task<SendResult> SendAsync(string text, RetryKey retryKey, CancellationToken cancellationToken)
    {
        if (MessageText.Explain(text, _rooms.MaxMessageBytes) is { } problem)
        {
            return SendResult.Refused(problem);
        }

        string key = retryKey.For(text);
        var outcome = await Connection.SendAsync(text, key, cancellationToken);
        if (outcome == SendOutcome.Sent)
        {
            retryKey.Sent(key);
        }

        return SessionTexts.Result(outcome, _rooms.Limits);
    }

    public async Task<SendResult> ChangeAsync(MessageChanges changes, MessageKind kind, ChatMessage target, string text)
    {
        if (kind == MessageKind.Edit && MessageText.Explain(text, _rooms.MaxMessageBytes) is { } problem)
        {
            return SendResult.Refused(problem);
        }

        return MessageId.TryParse(target.Id, out var id)
            ? SessionTexts.Result(await changes.SendAsync(Connection, kind, id, text, CancellationToken.None), _rooms.Limits)
            : SendResult.Refused(SessionTexts.NotInARoom);
    }

    public void SignalTyping() => Connection.SignalTyping();
}
