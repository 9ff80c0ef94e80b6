namespace BlazorChat.Chat;

/// <summary>What a JSON-mode client may send: <c>{"text": "..."}</c>.</summary>
internal sealed record ClientMessage(string? Text);
