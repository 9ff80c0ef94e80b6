using BlazorChat.Accounts;
using BlazorChat.Admin;
using BlazorChat.Api;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Components;
using BlazorChat.Components.Handover;
using BlazorChat.Components.Layout;
using BlazorChat.Data;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using BlazorChat.Sidebar;
using BlazorChat.WebSockets;
using MudBlazor.Services;

namespace BlazorChat;

/// <summary>The composition root's two halves: the services, and the request pipeline.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddChatServices(this WebApplicationBuilder builder)
    {
        builder.UseRepositoryDevelopmentOverlay();
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<ThemeSheets>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default));

        // The bus and room history (Memory or Redis), presence, the room connections that sockets
        // and pages share, the database (SQLite or PostgreSQL) with accounts and private rooms,
        // the socket endpoint's own services, metrics, traces (with an OTLP endpoint), proxies, the admin console.
        services.AddGroupBus(configuration);
        services.AddPresence(configuration);
        services.AddRooms(configuration);
        services.AddChatDatabase(configuration);
        services.AddAccounts(configuration);
        services.AddRoomAccess(configuration);
        services.AddChatWebSocket(configuration);
        services.AddChatMetrics();
        services.AddChatTracing(configuration);
        services.AddProxySupport(configuration);
        services.AddAdminConsole(configuration);
        services.AddOptionsWithValidateOnStart<PagesOptions>()
            .Bind(configuration.GetSection(PagesOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddPageHandover();
        services.AddScoped<BrowserStorage>();
        services.AddScoped<Components.Account.PasskeyBrowser>();
        services.AddRoomList();
        return builder;
    }

    public static WebApplication MapChat(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseHandoverGate();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseBadTokenRefusal();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.UseWhen(context => CircuitsPerAddress.IsCircuitConnection(context.Request),
            branch => branch.Use((context, next) => context.RequestServices.GetRequiredService<CircuitsPerAddress>().InvokeAsync(context, next)));

        app.UseAdminConsoleGate();

        // No other site may frame these pages (clickjacking: a hidden chat box under a decoy).
        // Blazor adds this itself only while it compresses circuits, which this app does not.
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'self'";
            return next(context);
        });

        app.MapStaticAssets();
        app.MapChatWebSocket();
        app.MapRoomsApi();
        app.MapAccountEndpoints();
        app.MapChatMetrics();

        // Live: the process answers. Ready: it can serve rooms (on Redis, Redis answers).
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });

        // Circuits' WebSockets go uncompressed. With Blazor's default compression each circuit keeps
        // a zlib deflate stream for its whole life (context takeover): about 200 KB of native memory
        // per open page, measured in bench E (notes.md). The price is bandwidth: render batches
        // cross the wire as they are. (Blazor's own frame-ancestors header goes with compression;
        // the app sets it for every response above.)
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
        return app;
    }
}
