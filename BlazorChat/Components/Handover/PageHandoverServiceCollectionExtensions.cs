using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;

namespace BlazorChat.Components.Handover;

public static class PageHandoverServiceCollectionExtensions
{
    /// <summary>Hands the open pages to another instance on a graceful stop (<see cref="PageHandover"/>). Needs the <c>Pages</c> options.</summary>
    public static IServiceCollection AddPageHandover(this IServiceCollection services)
    {
        services.AddSingleton<PageHandover>();
        services.AddScoped<CircuitHandler, PageHandoverCircuitHandler>();
        services.Configure<HubOptions>(options => options.AddFilter<HandoverGate.HubFilter>());
        return services;
    }
}
