namespace BlazorChat.Presence;

/// <summary>A room that has members, and how many connections are in it.</summary>
public sealed record RoomSummary(string Group, int Members);
