using System.Globalization;
using BlazorChat.Chat;
using BlazorChat.Sidebar;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorChat.Components.Chat;

public sealed partial class RoomSidebar : IDisposable
{
    [Inject] private RoomList Rooms { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private IReadOnlyList<SidebarRoom> _rooms = [];
    // The browser's Notification.permission ("default", "granted", "denied"), or "unsupported"; unknown until interactive.
    private string _permission = "unsupported";

    /// <summary>A count as the badge shows it: past 99, "99+".</summary>
    public static string Shown(int count) => count > 99 ? "99+" : count.ToString(CultureInfo.InvariantCulture);

    /// <summary>What a screen reader says for a room's link.</summary>
    public static string Label(SidebarRoom room)
    {
        var parts = new List<string>(3) { room.Name };
        if (room.Unread > 0)
        {
            parts.Add($"{Shown(room.Unread)} unread");
        }

        if (room.Mentions > 0)
        {
            parts.Add(room.Mentions == 1 ? "1 mention" : $"{Shown(room.Mentions)} mentions");
        }

        return string.Join(", ", parts);
    }

    protected override void OnInitialized()
    {
        _rooms = Rooms.Rooms;
        Rooms.Changed += OnChanged;
        Rooms.Mentioned += OnMentioned;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _permission = await JS.InvokeAsync<string?>("blazorChat.notificationPermission") ?? "unsupported";
            await Rooms.LoadAsync();
            _rooms = Rooms.Rooms;
            StateHasChanged();
        }
    }

    private async Task EnableNotificationsAsync() =>
        _permission = await JS.InvokeAsync<string?>("blazorChat.requestNotifications") ?? "unsupported";

    private async Task CloseAsync(SidebarRoom room)
    {
        await Rooms.CloseAsync(room.Name);
        if (room.Current)
        {
            // Closing the room on screen leaves it: the page goes home.
            Navigation.NavigateTo("/");
        }
    }

    // Both raised on the bus's thread.
    private void OnChanged() => _ = InvokeAsync(() =>
    {
        _rooms = Rooms.Rooms;
        StateHasChanged();
    });

    private void OnMentioned(ChatMessage message) => _ = InvokeAsync(async () =>
    {
        try
        {
            // The page decides nothing here: the browser shows it only while the tab is hidden and notifications are allowed.
            await JS.InvokeVoidAsync("blazorChat.notifyMention", $"#{message.Group}", $"{message.Sender}: {message.Text}", $"{message.Group}/{message.Id}");
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone.
        }
    });

    public void Dispose()
    {
        Rooms.Changed -= OnChanged;
        Rooms.Mentioned -= OnMentioned;
    }
}
