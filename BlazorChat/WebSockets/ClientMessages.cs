using System.Text.Json;
using BlazorChat.Chat;

namespace BlazorChat.WebSockets;

/// <summary>
/// Reads what a JSON-mode client sends: <c>{"text": "..."}</c>, or any frame that does not start
/// with <c>{</c>, which is taken as plain text.
/// </summary>
internal static class ClientMessages
{
    /// <summary>The text to send, or null with <paramref name="problem"/> saying what was wrong.</summary>
    public static string? TryRead(string frame, out string? problem)
    {
        problem = null;
        if (!frame.AsSpan().TrimStart().StartsWith("{"))
        {
            return frame;
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

        if (message?.Text is not { } text)
        {
            problem = "not sent: a JSON message needs a \"text\" string, as in {\"text\": \"hello\"}.";
            return null;
        }

        return text;
    }
}
