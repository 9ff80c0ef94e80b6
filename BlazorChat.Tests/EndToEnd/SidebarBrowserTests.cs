using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>The sidebar in real Chromium against real Kestrel: counts, the title, switching rooms in one circuit, mentions, notifications, a phone's drawer.</summary>
[Requires(BrowserFixture.Executable)]
public sealed class SidebarBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    /// <summary>
    /// Records each notification the page makes (the page's own code makes it; this wraps the
    /// browser's constructor) and lets the test hide the tab: headless Chromium keeps every tab
    /// visible, so document.visibilityState is answered here, with the visibilitychange event a
    /// real browser fires.
    /// </summary>
    private const string NotificationProbe = """
        window.__notifications = [];
        const RealNotification = window.Notification;
        window.Notification = class extends RealNotification {
            constructor(title, options) {
                window.__notifications.push({ title, body: options && options.body });
                try { super(title, options); } catch { return { close() {} }; }
            }
        };
        let hidden = false;
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => hidden ? "hidden" : "visible" });
        Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
        window.__setHidden = value => { hidden = value; document.dispatchEvent(new Event("visibilitychange")); };
        """;

    private ChatServer _server = null!;
    private readonly string _first = "side_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _second = "side_" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync()
    {
        _server = ChatServer.Start(new Dictionary<string, string?> { ["Limits:JoinsPerMinute"] = "0" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    [ServerFact]
    public async Task AMessageInTheOtherRoomCountsThereAndInTheTitleAndItsLinkSwitchesWithoutALoad()
    {
        var ada = await InBothRoomsAsync();
        await using var robot = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_first}/?name=robot"));

        await robot.SendTextAsync("while you were in the other room");

        await Expect(Badge(ada, _first, "unread-count")).ToHaveTextAsync("1");
        await Expect(ada.Page).ToHaveTitleAsync($"(1) #{_second} · BlazorChat");
        await Expect(Link(ada, _first)).ToHaveAttributeAsync("aria-label", $"{_first}, 1 unread");
        await Expect(Link(ada, _second)).ToHaveAttributeAsync("aria-current", "page");

        await ada.Page.EvaluateAsync("() => window.beforeSwitch = true");
        await Link(ada, _first).ClickAsync();

        await Expect(ada.Page).ToHaveURLAsync(new Uri(_server.BaseUri, $"room/{_first}").ToString());
        await ada.WaitUntilConnectedAsync();
        await ada.ExpectMessageAsync("while you were in the other room");
        Assert.True(await ada.Page.EvaluateAsync<bool>("() => window.beforeSwitch === true"), "the page was loaded again");
        await Expect(ada.Page.GetByTestId("unread-divider")).ToBeVisibleAsync();
        await Expect(ada.Page.GetByTestId("unread-count")).ToHaveCountAsync(0);
        await Expect(ada.Page).ToHaveTitleAsync($"#{_first} · BlazorChat");
        await Expect(Link(ada, _first)).ToHaveAttributeAsync("aria-current", "page");
    }

    [ServerFact]
    public async Task AGuestsSidebarAndWhatItReadSurviveAReload()
    {
        var ada = await InBothRoomsAsync();
        await using var robot = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_first}/?name=robot"));
        await robot.SendTextAsync("unread before the reload");
        await Expect(Badge(ada, _first, "unread-count")).ToHaveTextAsync("1");

        await ada.Page.ReloadAsync();
        await ada.WaitUntilConnectedAsync();

        await Expect(Links(ada)).ToHaveCountAsync(2);
        await Expect(Link(ada, _second)).ToHaveAttributeAsync("aria-current", "page");
        // Counted again from where the guest's browser says it left off.
        await Expect(Badge(ada, _first, "unread-count")).ToHaveTextAsync("1");
    }

    [ServerFact]
    public async Task AMentionMarksTheRowOnScreenAndCountsApartInTheOtherRoom()
    {
        var ada = await InBothRoomsAsync();
        await using var here = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_second}/?name=robot"));
        await using var there = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_first}/?name=robot"));

        await here.SendTextAsync("@ada look at this");
        await there.SendTextAsync("@Ada over here");
        await there.SendTextAsync("and something else");

        await Expect(ada.Page.Locator("[data-testid=message][data-mention=true] .text")).ToHaveTextAsync("@ada look at this");
        await Expect(ada.Page.Locator("[data-testid=message][data-mention=true] .mention-me")).ToHaveTextAsync("@ada");
        await Expect(Badge(ada, _first, "mention-count")).ToHaveTextAsync("@1");
        await Expect(Badge(ada, _first, "unread-count")).ToHaveTextAsync("2");
        await Expect(Link(ada, _first)).ToHaveAttributeAsync("aria-label", $"{_first}, 2 unread, 1 mention");
    }

    [ServerFact]
    public async Task AMentionWhileTheTabIsHiddenRaisesANotificationOnceAllowed()
    {
        var page = await browser.NewPageAsync();
        await page.Context.AddInitScriptAsync(NotificationProbe);
        var ada = await InBothRoomsAsync(page);
        var enable = page.GetByTestId("notifications-enable");
        await Expect(enable).ToHaveAttributeAsync("data-permission", "default");
        await using var here = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_second}/?name=robot"));
        await using var there = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_first}/?name=robot"));

        // The person says yes when the browser asks.
        await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = _server.BaseUri.GetLeftPart(UriPartial.Authority) });
        await enable.ClickAsync();
        await Expect(enable).ToHaveAttributeAsync("data-permission", "granted");

        await here.SendTextAsync("@ada while you look");
        await ada.ExpectMessageAsync("@ada while you look");
        await page.EvaluateAsync("() => window.__setHidden(true)");
        await here.SendTextAsync("no mention at all");
        await here.SendTextAsync("@ada while you are away");
        await there.SendTextAsync("@ada in the other room");

        await page.WaitForFunctionAsync("() => window.__notifications.length >= 2");
        var notifications = await page.EvaluateAsync<string[]>("() => window.__notifications.map(n => n.title + ' ' + n.body)");
        Assert.Equal([$"#{_second} robot: @ada while you are away", $"#{_first} robot: @ada in the other room"], notifications.OrderBy(n => n.StartsWith($"#{_first} ", StringComparison.Ordinal)));
    }

    [ServerFact]
    public async Task OnAPhoneTheSidebarIsADrawerThatTheMenuButtonOpensAndClosesAndAPickedRoomPutsAway()
    {
        var ada = await InBothRoomsAsync(await browser.NewPageAsync(390, 800));
        var sidebar = ada.Page.GetByTestId("room-sidebar");
        await Expect(sidebar).Not.ToBeInViewportAsync();

        await ada.Page.GetByTestId("sidebar-toggle").ClickAsync();
        await Expect(sidebar).ToBeInViewportAsync();
        await Expect(Link(ada, _first)).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(ada.Page, "sidebar-phone-open");

        await ada.Page.GetByTestId("sidebar-toggle").ClickAsync(new() { Force = true });
        await Expect(sidebar).Not.ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(ada.Page, "sidebar-phone-closed");

        // Picking a room from the drawer goes there and puts the drawer away.
        await ada.Page.GetByTestId("sidebar-toggle").ClickAsync();
        await Link(ada, _first).ClickAsync();
        await Expect(ada.Page).ToHaveURLAsync(new Uri(_server.BaseUri, $"room/{_first}").ToString());
        await Expect(sidebar).Not.ToBeInViewportAsync();
    }

    [ServerFact]
    public async Task OnAWideScreenTheSidebarStaysBesideTheRoom()
    {
        var ada = await InBothRoomsAsync();

        await Expect(ada.Page.GetByTestId("room-sidebar")).ToBeInViewportAsync();
        await Expect(ada.Page.GetByTestId("message-pane")).ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(ada.Page, "sidebar-wide");
    }

    /// <summary>A guest called Ada who opened the first room, then the second, where the page now is.</summary>
    private async Task<ChatPage> InBothRoomsAsync(IPage? page = null)
    {
        var ada = new ChatPage(page ?? await browser.NewPageAsync(), _server.BaseUri);
        await ada.JoinThroughHomeAsync("Ada", _first);
        await ada.OpenRoomAsync(_second);
        await Expect(Links(ada)).ToHaveCountAsync(2);
        return ada;
    }

    /// <summary>The sidebar's links (the home page's list of busy rooms has room-links of its own).</summary>
    internal static ILocator Links(ChatPage page) => page.Page.GetByTestId("room-sidebar").GetByTestId("room-link");

    internal static ILocator Link(ChatPage page, string room) => page.Page.GetByTestId("room-sidebar").Locator($"[data-testid=room-link][data-room={room}]");

    private static ILocator Badge(ChatPage page, string room, string badge) => Link(page, room).GetByTestId(badge);
}

/// <summary>An account's sidebar is its own on every device: kept in the database, on each provider.</summary>
public abstract class AccountSidebarBrowserTests(BrowserFixture browser, IDatabaseProvider database) : DatabaseTests(database)
{
    private readonly string _first = "acside_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _second = "acside_" + Guid.NewGuid().ToString("N")[..8];

    public override async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await base.DisposeAsync();
    }

    [ServerFact]
    public async Task AnAccountsSidebarAppearsOnItsOtherDevice()
    {
        var server = await StartServerAsync();
        await TestAccount.CreateAsync(server.Services, "ada");
        var laptop = await SignInAsync(server, $"/room/{_first}");
        await laptop.OpenRoomAsync(_second);
        await Expect(SidebarBrowserTests.Links(laptop)).ToHaveCountAsync(2);

        // Another browser context: no cookie, no localStorage in common with the first.
        var phone = await SignInAsync(server, "/");

        await Expect(SidebarBrowserTests.Link(phone, _second)).ToBeVisibleAsync();
        Assert.Equal([_second, _first], await SidebarBrowserTests.Links(phone).EvaluateAllAsync<string[]>("links => links.map(l => l.dataset.room)"));
    }

    private async Task<ChatPage> SignInAsync(ChatServer server, string returnUrl)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseUri, $"account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}").ToString());
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await page.GetByTestId("login-username").FillAsync("ada");
        await page.GetByTestId("login-password").FillAsync(TestAccount.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("ada");
        var chat = new ChatPage(page, server.BaseUri);
        if (returnUrl.StartsWith("/room/", StringComparison.Ordinal))
        {
            await chat.WaitUntilConnectedAsync();
        }

        return chat;
    }
}

[Requires(BrowserFixture.Executable)]
public sealed class SqliteAccountSidebarBrowserTests(BrowserFixture browser, SqliteDatabase database)
    : AccountSidebarBrowserTests(browser, database), IClassFixture<BrowserFixture>, IClassFixture<SqliteDatabase>;

[Requires(BrowserFixture.Executable)]
[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class PostgresAccountSidebarBrowserTests(BrowserFixture browser, PostgresDatabase database)
    : AccountSidebarBrowserTests(browser, database), IClassFixture<BrowserFixture>, IClassFixture<PostgresDatabase>;
