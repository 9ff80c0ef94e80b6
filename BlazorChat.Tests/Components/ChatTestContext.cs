using System.Security.Claims;
using BlazorChat.Accounts;
using BlazorChat.Bus;
using BlazorChat.Components;
using BlazorChat.Data;
using BlazorChat.Rooms;
using BlazorChat.Sidebar;
using BlazorChat.Tests.Fixtures;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BlazorChat.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, loose JS interop (MudBlazor and chat.js calls answer defaults),
/// interactive Server rendering, and the app's own chat services (<see cref="TestServices.AddChatCore"/>)
/// on a real in-memory bus, with the app's accounts on a SQLite file of the context's own (made
/// ready at once, removed with the context). Nobody is signed in until <see cref="SignInAsync"/>.
/// Use with <c>await using</c>: MudBlazor's services only dispose asynchronously.
/// </summary>
internal static class ChatTestContext
{
    public const string Password = "password1";

    // A bound, not a pause: waits end as soon as they pass. bUnit's 1 s default is shorter than a
    // database round trip takes on a busy machine (PostgreSQL under a full test run).
    static ChatTestContext() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    public static BunitContext Create(Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        string file = SqliteFiles.Create();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        // Unless the settings name a database (another provider's, say).
        all.TryAdd(SqliteFiles.Setting, SqliteFiles.ConnectionString(file));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();

        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddChatCore(all);
        context.Services.AddChatDatabase(configuration).AddAccounts(configuration).AddRoomAccess(configuration);
        context.Services.AddScoped<BrowserStorage>();
        context.Services.AddScoped<BlazorChat.Components.Account.PasskeyBrowser>();
        context.Services.AddScoped<Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider, TestAntiforgery>();
        context.Services.AddRoomList();
        context.Services.AddSingleton(_ => new DatabaseFile(file));
        configure?.Invoke(context.Services);
        context.Services.AddSingleton(context.AddAuthorization());
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        context.Services.GetRequiredService<DatabaseFile>();
        using var scope = context.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ChatDbContext>().Database.Migrate();
        return context;
    }

    /// <summary>Types <paramref name="text"/> into the page's message box and sends it, as the reader does.</summary>
    public static async Task SendFromPageAsync(this IRenderedComponent<IComponent> cut, string text)
    {
        await cut.InvokeAsync(() => cut.Find("[data-testid=message-input]").Input(text));
        await cut.InvokeAsync(() => cut.Find("form.message-input").Submit());
    }

    /// <summary>
    /// Clicks a row's edit or delete button as the page's script does (the buttons are shared
    /// markup without a handler of their own): the pane is told the button's action and its row's id.
    /// </summary>
    public static Task ClickRowActionAsync(this IRenderedComponent<IComponent> cut, string testId) => cut.InvokeAsync(() =>
    {
        var button = cut.Find($"[data-testid={testId}]");
        var row = button.Closest("[data-message-id]") ?? throw new InvalidOperationException($"{testId} stands in no row with an id");
        var pane = cut.FindComponent<BlazorChat.Components.Chat.MessagePane>();
        return pane.Instance.RowActionAsync(button.GetAttribute("data-row-action")!, row.GetAttribute("data-message-id")!);
    });

    /// <summary>The context's bus, to speak in its rooms as another member would.</summary>
    public static IGroupBus Bus(this BunitContext context) => context.Services.GetRequiredService<IGroupBus>();

    /// <summary>bUnit's stand-in for the app's sign-in, to sign the page out as revalidation would.</summary>
    public static BunitAuthorizationContext Authorization(this BunitContext context) => context.Services.GetRequiredService<BunitAuthorizationContext>();

    /// <summary>Registers <paramref name="userName"/> (with <see cref="Password"/>), as the register form does.</summary>
    public static async Task<ChatUser> RegisterAsync(this BunitContext context, string userName)
    {
        await using var scope = context.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().RegisterAsync(userName, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>().FindByNameAsync(userName))!;
    }

    /// <summary>Registers <paramref name="userName"/> and signs the page in as that account, with the claims its cookie would carry.</summary>
    public static async Task<ChatUser> SignInAsync(this BunitContext context, string userName)
    {
        var user = await context.RegisterAsync(userName);
        var authorization = context.Authorization();
        authorization.SetAuthorized(userName);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ChatClaims.DisplayName, user.DisplayName));
        return user;
    }

    /// <summary>The context's database file, removed when the context's services are disposed.</summary>
    private sealed class DatabaseFile(string path) : IDisposable
    {
        public void Dispose() => SqliteFiles.Delete(path);
    }
}
