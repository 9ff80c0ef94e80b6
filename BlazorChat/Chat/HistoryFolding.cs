namespace BlazorChat.Chat;

/// <summary>
/// Shows history as it stands now: each edit or deletion whose message is in the same read is
/// folded into it (the message with its new text, or marked deleted) and dropped from the list; one
/// whose message came before the read stays, for a client that has that message to apply itself.
/// A deletion is final: later edits of a deleted message change nothing.
/// </summary>
public static class HistoryFolding
{
    public static RoomHistory Folded(this RoomHistory history)
    {
        if (!history.Messages.Any(m => m.Kind.IsChange()))
        {
            return history;
        }

        var shown = new List<ChatMessage>(history.Messages.Count);
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var message in history.Messages)
        {
            if (message.Kind.IsChange() && message.Target is { } target && at.TryGetValue(target, out int index))
            {
                if (shown[index].Change != MessageChange.Deleted)
                {
                    shown[index] = shown[index].ChangedBy(message);
                }

                continue;
            }

            if (message.Kind == MessageKind.Message)
            {
                at[message.Id] = shown.Count;
            }

            shown.Add(message);
        }

        return history with { Messages = shown };
    }
}
