using BlazorChat.Chat;

namespace BlazorChat.Api;

/// <summary>
/// A page of a room's messages, oldest first. <c>recovered</c> is false when messages after
/// <c>since</c> are no longer kept, so the page starts later than asked.
/// </summary>
public sealed record MessagesPage(IReadOnlyList<ChatMessage> Messages, bool Recovered);
