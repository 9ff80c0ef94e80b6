namespace BlazorChat.Chat;

/// <summary>
/// What a JSON-mode client may send: <c>{"text": "...", "key": "..."}</c>, the key optional;
/// <c>{"typing": true}</c>; <c>{"edit": "&lt;id&gt;", "text": "..."}</c>; or <c>{"delete": "&lt;id&gt;"}</c>.
/// </summary>
internal sealed record ClientMessage(string? Text, string? Key = null, bool? Typing = null, string? Edit = null, string? Delete = null);
