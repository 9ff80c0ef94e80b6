using BlazorChat.Chat;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorChat.Rooms;

public static class RoomsServiceCollectionExtensions
{
    /// <summary>
    /// Registers room connections (<see cref="RoomConnector"/>), this instance's registry of them,
    /// their limits (<c>Limits</c>), the commands that end them on every instance, and each circuit's <see cref="ChatSession"/>. Needs
    /// <c>AddGroupBus</c>, <c>AddPresence</c> and <c>AddChatMetrics</c>.
    /// </summary>
    public static IServiceCollection AddRooms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<LimitsOptions>()
            .Bind(configuration.GetSection(LimitsOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddSingleton<LocalConnections>();
        services.TryAddSingleton<RoomConnector>();
        services.TryAddScoped<ChatSession>();
        services.TryAddSingleton<ConnectionCommands>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectionCommands>());
        return services;
    }
}
