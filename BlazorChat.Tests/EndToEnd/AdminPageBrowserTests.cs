using System.Net.WebSockets;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>The admin console in real Chromium, acting on a real page and a real socket.</summary>
[Requires(BrowserFixture.Executable)]
public sealed class AdminPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Key = "correct-horse-battery-staple";
    private ChatServer _server = null!;
    private readonly string _room = "admin_" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync()
    {
        _server = ChatServer.Start(new Dictionary<string, string?> { ["Admin:Key"] = Key });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    [ServerFact]
    public async Task AnOperatorSignsInSeesTheRoomPostsToItAndRemovesAPageAndASocket()
    {
        var ada = new ChatPage(await browser.NewPageAsync(), _server.BaseUri);
        await ada.JoinThroughHomeAsync("Ada", _room);
        await using var robot = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot"));

        var admin = await browser.NewPageAsync(1440, 900);
        await admin.GotoAsync(new Uri(_server.BaseUri, "admin").ToString());
        await Expect(admin.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await admin.GetByTestId("admin-key-input").FillAsync("wrong key, long enough");
        await admin.GetByTestId("admin-sign-in").ClickAsync();
        await Expect(admin.GetByText("That is not the admin key.")).ToBeVisibleAsync();
        await admin.GetByTestId("admin-key-input").FillAsync(Key);
        await admin.GetByTestId("admin-sign-in").ClickAsync();

        await Expect(admin.Locator($"[data-testid='admin-room-row'][data-room='{_room}'] [data-testid='admin-room-members']")).ToHaveTextAsync("2");
        var adaRow = admin.Locator("[data-testid='admin-member-row'][data-name='Ada']");
        var robotRow = admin.Locator("[data-testid='admin-member-row'][data-name='robot']");
        await Expect(adaRow).ToHaveAttributeAsync("data-kind", "browser");
        await Expect(robotRow).ToHaveAttributeAsync("data-kind", "socket");
        await BrowserFixture.ScreenshotAsync(admin, "admin-console");

        await admin.GetByTestId("admin-post-room").FillAsync(_room);
        await admin.GetByTestId("admin-post-text").FillAsync("maintenance at noon");
        await admin.GetByTestId("admin-post-button").ClickAsync();
        await Expect(admin.GetByTestId("admin-post-outcome")).ToHaveTextAsync($"Posted to {_room}.");
        await Expect(ada.Page.Locator("[data-testid='message'][data-kind='system']", new() { HasTextString = "maintenance at noon" })).ToBeVisibleAsync();
        Assert.Equal("maintenance at noon", await robot.ReceiveTextAsync());

        await admin.GetByTestId("admin-kick-reason").FillAsync("time for a break");
        await adaRow.GetByTestId("admin-kick").ClickAsync();
        await Expect(ada.Page.GetByTestId("status-detail")).ToHaveTextAsync("Removed from the room by an administrator: time for a break");
        await Expect(ada.Status).ToHaveAttributeAsync("data-status", "dropped");

        await robotRow.GetByTestId("admin-kick").ClickAsync();
        var (status, description) = await robot.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("removed by an administrator: time for a break", description);

        await Expect(admin.GetByTestId("admin-member-row")).ToHaveCountAsync(0);
        await Expect(admin.Locator("[data-testid='admin-reason'][data-reason='kicked']")).ToHaveTextAsync("kicked: 2");
    }
}
