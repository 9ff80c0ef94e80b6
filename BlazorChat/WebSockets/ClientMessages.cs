using System.Text.Json;
using BlazorChat.Chat;

namespace BlazorChat.WebSockets;

/// <summary>
/// Reads what a JSON-mode client sends: <c>{"text": "..."}</c> with an optional <c>"key"</c>
/// (<see cref="SendKey"/>), <c>{"typing": true}</c>, an edit or a deletion (<see cref="ClientMessage"/>),
/// or any frame that does not start with <c>{</c>, which is taken as plain text.
/// </summary>
internal static class ClientMessages
{
    /// <summary>The message to send (its text null only for a typing signal or a deletion), or null with <paramref name="problem"/> saying what was wrong.</summary>
    public static ClientMessage? TryRead(string frame, out string? problem)
    {
        problem = null;
        if (!frame.AsSpan().TrimStart().StartsWith("{"))
        {
            return new ClientMessage(frame);
        }

        ClientMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(frame, ChatJsonContext.Default.ClientMessage);
        }
        catch (JsonException ex)
        {
            problem = $"not sent: malformed JSON ({ex.Message.Split(" Path:")[0]}). Send {{\"text\": \"...\"}} or plain text.";
            return null;
        }

        if (message is { Text: null, Typing: true })
        {
            return message;
        }

        if ((message?.Edit ?? message?.Delete) is { } target && !MessageId.TryParse(target, out _))
        {
            problem = $"not changed: '{target}' is not a message id.";
            return null;
        }

        if (message is { Delete: not null })
        {
            return message;
        }

        if (message?.Text is null)
        {
            problem = "not sent: a JSON message needs a \"text\" string, as in {\"text\": \"hello\"}.";
            return null;
        }

        if (message.Key is not null && !SendKey.IsValid(message.Key))
        {
            problem = $"not sent: {SendKey.Rule}";
            return null;
        }

        return message;
    }
}
