using Microsoft.JSInterop;

namespace BlazorChat.Components;

/// <summary>What the browser remembers between visits (display name, theme, a guest's rooms), in its localStorage.</summary>
public sealed class BrowserStorage(IJSRuntime js)
{
    public const string NameKey = "blazorchat.name";
    public const string DarkModeKey = "blazorchat.dark";

    /// <summary>A guest's sidebar: its rooms and what was read in each (<see cref="Sidebar.BrowserRoomListStore"/>).</summary>
    public const string RoomsKey = "blazorchat.rooms";

    public ValueTask<string?> LoadAsync(string key) => js.InvokeAsync<string?>("blazorChat.load", key);

    public ValueTask SaveAsync(string key, string value) => js.InvokeVoidAsync("blazorChat.save", key, value);
}
