namespace BlazorChat.Sidebar;

/// <summary>A room in a person's sidebar as it is kept: its name, the id of the newest message they read there ("0" for none), and when they last opened it.</summary>
public sealed record StoredRoom(string Room, string LastRead, DateTime OpenedUtc);
