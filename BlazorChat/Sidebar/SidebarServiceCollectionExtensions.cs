using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorChat.Sidebar;

public static class SidebarServiceCollectionExtensions
{
    /// <summary>Registers each circuit's <see cref="RoomList"/>. Needs <c>AddRooms</c>, <c>AddRoomAccess</c>, the database and <c>BrowserStorage</c>.</summary>
    public static IServiceCollection AddRoomList(this IServiceCollection services)
    {
        services.TryAddScoped<RoomList>();
        return services;
    }
}
