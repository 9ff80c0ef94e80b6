using BlazorChat.Rooms;
using MudBlazor;

namespace BlazorChat.Components.Chat;

/// <summary>How the pages show a connection's kind: one icon and one description each, wherever it appears.</summary>
public static class ConnectionKindDisplay
{
    public static string Icon(ConnectionKind kind) =>
        kind == ConnectionKind.Socket ? Icons.Material.Filled.Terminal : Icons.Material.Filled.Person;

    public static string Description(ConnectionKind kind) =>
        kind == ConnectionKind.Socket ? "On a socket" : "In a browser";
}
