namespace BlazorChat.Api;

/// <summary>The body of <c>POST /api/rooms</c>: <c>{"name": "...", "private": true}</c>.</summary>
public sealed record CreateRoomRequest(string? Name, bool Private);
