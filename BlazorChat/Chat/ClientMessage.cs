namespace BlazorChat.Chat;

/// <summary>What a JSON-mode client may send: <c>{"text": "...", "key": "..."}</c>, the key optional.</summary>
internal sealed record ClientMessage(string? Text, string? Key = null);
