using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Components;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using BlazorChat.Tests.Fixtures;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace BlazorChat.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, loose JS interop (MudBlazor and chat.js calls answer defaults),
/// interactive Server rendering, and the chat services on a real in-memory bus.
/// Use with <c>await using</c>: MudBlazor's services only dispose asynchronously.
/// </summary>
internal static class ChatTestContext
{
    public static BunitContext Create(IGroupBus? bus = null, Action<IServiceCollection>? configure = null)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(bus ?? TestServices.MemoryBus());
        context.Services.AddSingleton(TestServices.Metrics());
        context.Services.AddSingleton<LocalConnections>();
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddSingleton(Options.Create(new BusOptions()));
        context.Services.AddSingleton(Options.Create(new LimitsOptions()));
        context.Services.AddSingleton(Options.Create(new HistoryOptions()));
        context.Services.AddSingleton<IPresenceStore, MemoryPresenceStore>();
        context.Services.AddSingleton<RoomPresence>();
        context.Services.AddLogging();
        context.Services.AddScoped<ChatSession>();
        context.Services.AddScoped<BrowserStorage>();
        configure?.Invoke(context.Services);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }
}
