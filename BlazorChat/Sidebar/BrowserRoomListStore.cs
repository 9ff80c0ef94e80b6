using System.Text.Json;
using BlazorChat.Components;

namespace BlazorChat.Sidebar;

/// <summary>A guest's sidebar in its browser's localStorage (<see cref="BrowserStorage.RoomsKey"/>), as JSON.</summary>
internal sealed class BrowserRoomListStore(BrowserStorage storage) : IRoomListStore
{
    public async Task<IReadOnlyList<StoredRoom>> LoadAsync()
    {
        if (await storage.LoadAsync(BrowserStorage.RoomsKey) is not { } json)
        {
            return [];
        }

        try
        {
            // Whatever the browser holds was written by this app, or by anyone with its console: RoomList checks each entry.
            return JsonSerializer.Deserialize(json, SidebarJsonContext.Default.ListStoredRoom) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public async Task SaveAsync(IReadOnlyList<StoredRoom> rooms) =>
        await storage.SaveAsync(BrowserStorage.RoomsKey, JsonSerializer.Serialize([.. rooms], SidebarJsonContext.Default.ListStoredRoom));
}
