using BlazorChat.Bus;
using BlazorChat.Components;
using BlazorChat.Tests.Fixtures;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BlazorChat.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, loose JS interop (MudBlazor and chat.js calls answer defaults),
/// interactive Server rendering, and the app's own chat services (<see cref="TestServices.AddChatCore"/>)
/// on a real in-memory bus. Use with <c>await using</c>: MudBlazor's services only dispose asynchronously.
/// </summary>
internal static class ChatTestContext
{
    public static BunitContext Create(Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddChatCore(settings);
        context.Services.AddScoped<BrowserStorage>();
        configure?.Invoke(context.Services);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    /// <summary>The context's bus, to speak in its rooms as another member would.</summary>
    public static IGroupBus Bus(this BunitContext context) => context.Services.GetRequiredService<IGroupBus>();
}
