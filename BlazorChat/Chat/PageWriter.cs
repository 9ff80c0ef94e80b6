using BlazorChat.Bus;
using BlazorChat.Rooms;

namespace BlazorChat.Chat;

/// <summary>
/// How a browser page's room connection speaks to it: each message goes to the page's callback,
/// in order, one at a time, until the page stops listening (it left, or moved on to a fresher
/// connection), after which whatever the connection still had queued is dropped.
/// </summary>
internal sealed class PageWriter(Func<ChatMessage, Task> show) : IRoomWriter
{
    private volatile bool _stopped;

    /// <summary>The id of the newest message of the room's history that the page was shown: where to pick up from.</summary>
    public MessageId? LastShown { get; private set; }

    public void Stop() => _stopped = true;

    /// <summary>What the room kept (recent, or since the last message seen), then <c>[connected]</c>.</summary>
    public IReadOnlyList<ChatMessage> Opening(RoomConnection connection, RoomHistory history, MessageId? since)
    {
        var opening = new List<ChatMessage>(history.Messages.Count + 2);
        opening.AddRange(history.Messages);
        if (!history.Recovered)
        {
            opening.Add(connection.Notice("Some messages from while you were away are not shown: too many to catch up on, or no longer kept."));
        }

        opening.Add(connection.Notice("[connected]"));
        return opening;
    }

    public async ValueTask WriteAsync(ChatMessage message)
    {
        if (_stopped)
        {
            return;
        }

        if (message.OrderId is { } id)
        {
            LastShown = id;
        }

        await show(message);
    }

    // A page needs no goodbye frame; the session's status says it all.
    public ValueTask CloseAsync(DisconnectReason reason, string? detail) => ValueTask.CompletedTask;
}
