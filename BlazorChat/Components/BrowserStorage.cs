using Microsoft.JSInterop;

namespace BlazorChat.Components;

/// <summary>What the browser remembers between visits (display name, theme), in its localStorage.</summary>
public sealed class BrowserStorage(IJSRuntime js)
{
    public const string NameKey = "blazorchat.name";
    public const string DarkModeKey = "blazorchat.dark";

    public ValueTask<string?> LoadAsync(string key) => js.InvokeAsync<string?>("blazorChat.load", key);

    public ValueTask SaveAsync(string key, string value) => js.InvokeVoidAsync("blazorChat.save", key, value);
}
