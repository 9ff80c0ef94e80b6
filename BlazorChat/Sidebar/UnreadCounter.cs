using BlazorChat.Bus;
using BlazorChat.Chat;

namespace BlazorChat.Sidebar;

/// <summary>
/// Counts what is said in a sidebar room that the page is not showing. It is a bus member and
/// nothing more: no outbox, no writer, no presence entry, so it costs a few hundred bytes per room
/// and never shows in a member list or a join line; the bus hands it each message and it keeps
/// two numbers. (Holding a full room connection per sidebar room would cost each tab an outbox
/// and a presence entry per room; counting from history only when switching would not be live.)
/// Only ordinary messages from others newer than the last one read count, each once: messages
/// that arrive while the history is read are held (at most <see cref="MaxHeld"/>) until
/// <see cref="Prime"/> says where the history ended.
/// </summary>
internal sealed class UnreadCounter(string room, MessageId lastRead, Func<ChatMessage, bool> isOwn, Func<ChatMessage, bool> mentionsReader,
    Action<UnreadCounter, ChatMessage?> changed) : IGroupMember
{
    /// <summary>Messages held while the history is read; more would be counted by the history anyway.</summary>
    public const int MaxHeld = 256;

    private readonly Lock _lock = new();
    private List<ChatMessage>? _held = [];
    private readonly MessageId _lastRead = lastRead;
    private MessageId _seam = lastRead;

    public string Id { get; } = "unread:" + Guid.NewGuid().ToString("N");

    public string Room { get; } = room;

    public int Unread { get; private set; }

    public int Mentions { get; private set; }

    /// <summary>
    /// Counts the kept messages (read after the counter joined the bus), then what came meanwhile
    /// that the history did not hold. Mentions found here are old news: none is announced.
    /// </summary>
    public void Prime(IReadOnlyList<ChatMessage> history)
    {
        lock (_lock)
        {
            foreach (var message in history)
            {
                CountLocked(message);
            }

            foreach (var message in _held ?? [])
            {
                CountLocked(message);
            }

            _held = null;
        }

        changed(this, null);
    }

    bool IGroupMember.TryDeliver(ChatMessage message)
    {
        if (!Counts(message))
        {
            return true;
        }

        bool mention;
        lock (_lock)
        {
            if (_held is { } held)
            {
                if (held.Count < MaxHeld)
                {
                    held.Add(message);
                }

                return true;
            }

            if (!CountLocked(message, out mention))
            {
                return true;
            }
        }

        changed(this, mention ? message : null);
        return true;
    }

    private bool Counts(ChatMessage message) => message.Kind == MessageKind.Message && message.OrderId > _lastRead && !isOwn(message);

    private void CountLocked(ChatMessage message) => CountLocked(message, out _);

    // Ids only grow, so everything at or before the newest counted was counted already.
    private bool CountLocked(ChatMessage message, out bool mention)
    {
        mention = false;
        if (!Counts(message) || message.OrderId is not { } id || id <= _seam)
        {
            return false;
        }

        _seam = id;
        Unread++;
        if (mentionsReader(message))
        {
            Mentions++;
            mention = true;
        }

        return true;
    }
}
