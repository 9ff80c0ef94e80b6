namespace BlazorChat.Sidebar;

/// <summary>A room as the sidebar shows it: what arrived there since it was last read, the mentions of the reader among it, and whether it is the room on screen.</summary>
public sealed record SidebarRoom(string Name, int Unread, int Mentions, bool Current);
