namespace BlazorChat.Chat;

/// <summary>
/// The client key a page's message goes with: a new one for each message, and the same one while
/// the page tries the same text again after a refusal. A refusal may have been only the answer
/// lost on its way back from Redis; the room then takes the retry as the message it already has.
/// </summary>
internal sealed class RetryKey
{
    // The text last given to send, with its key, until it is sent.
    private Unsent? _unsent;

    /// <summary>The key of the text not yet sent when it is this text again, else a new one for it.</summary>
    public string For(string text)
    {
        var unsent = Volatile.Read(ref _unsent);
        if (unsent is not null && unsent.Text == text)
        {
            return unsent.Key;
        }

        var fresh = new Unsent(text, Guid.NewGuid().ToString("N"));
        Volatile.Write(ref _unsent, fresh);
        return fresh.Key;
    }

    /// <summary>The message under <paramref name="key"/> was sent: the same words typed again are a message of their own.</summary>
    public void Sent(string key)
    {
        if (Volatile.Read(ref _unsent) is { } unsent && unsent.Key == key)
        {
            Interlocked.CompareExchange(ref _unsent, null, unsent);
        }
    }

    private sealed record Unsent(string Text, string Key);
}
