using System.Text;

namespace BlazorChat.Chat;

/// <summary>The rule a message's text must meet before it is sent, the same for every kind of client.</summary>
public static class MessageText
{
    /// <summary>Why <paramref name="text"/> cannot be sent, or null when it can.</summary>
    public static string? Explain(string? text, int maxBytes)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Type a message first.";
        }

        int bytes = Encoding.UTF8.GetByteCount(text);
        return bytes > maxBytes
            ? $"This message is {bytes:N0} bytes; the limit is {maxBytes:N0} bytes of UTF-8. Shorten it to send."
            : null;
    }
}
