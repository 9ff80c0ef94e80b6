using BlazorChat.Presence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorChat.Rooms;

public static class RoomAccessServiceCollectionExtensions
{
    /// <summary>
    /// Registers private rooms: who may enter which room (<see cref="RoomAccess"/>, which
    /// <see cref="RoomAdmission"/> asks), the changes the API makes to rooms (<see cref="RoomAdmin"/>)
    /// within their bounds (<c>Rooms</c>), the room list's filter that leaves private rooms out, and
    /// who may edit or delete which message (<see cref="MessageChanges"/>, which asks a room's roles).
    /// Needs <c>AddChatDatabase</c>, <c>AddRooms</c> and <c>AddPresence</c>.
    /// </summary>
    public static IServiceCollection AddRoomAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<RoomsOptions>()
            .Bind(configuration.GetSection(RoomsOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddSingleton<RoomAccess>();
        services.TryAddSingleton<IRoomListFilter, PrivateRoomFilter>();
        services.TryAddSingleton<MessageChanges>();
        services.TryAddScoped<RoomAdmin>();
        return services;
    }
}
