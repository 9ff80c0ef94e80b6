using BlazorChat.Bus;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorChat.Presence;

public static class PresenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers presence on the bus's provider (in this process, or shared on Redis), and on
    /// Redis the heartbeat that keeps this instance's members listed. Needs <c>AddGroupBus</c>.
    /// </summary>
    public static IServiceCollection AddPresence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<PresenceOptions>()
            .Bind(configuration.GetSection(PresenceOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddSingleton(GroupBusServiceCollectionExtensions.ByProvider<IPresenceStore, MemoryPresenceStore, RedisPresenceStore>);
        services.TryAddSingleton<RoomPresence>();
        services.TryAddSingleton<RoomListCache>();
        services.AddHostedService<PresenceHeartbeat>();
        return services;
    }
}
