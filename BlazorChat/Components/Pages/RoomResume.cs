using BlazorChat.Chat;

namespace BlazorChat.Components.Pages;

/// <summary>What a paused room page keeps in the browser: its room and the last message it showed.</summary>
public sealed record RoomResume(string Room, MessageId LastSeen);
