namespace BlazorChat.Chat;

/// <summary>What a JSON-mode client may send: <c>{"text": "...", "key": "..."}</c>, the key optional, or <c>{"typing": true}</c>.</summary>
internal sealed record ClientMessage(string? Text, string? Key = null, bool? Typing = null);
