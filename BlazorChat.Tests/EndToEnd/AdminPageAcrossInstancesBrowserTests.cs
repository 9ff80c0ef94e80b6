using System.Net.WebSockets;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>The admin console of one instance in real Chromium, acting on a socket that another instance on the same real Redis holds.</summary>
[Requires(BrowserFixture.Executable)]
[Requires(RedisServer.Executable)]
public sealed class AdminPageAcrossInstancesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Key = "correct-horse-battery-staple";
    private RedisServer _redis = null!;
    private ChatServer _console = null!;
    private ChatServer _other = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var prefix = TestServices.UniquePrefix();
        _console = ChatServer.StartOnRedis(_redis, prefix, new Dictionary<string, string?> { ["Admin:Key"] = Key });
        _other = ChatServer.StartOnRedis(_redis, prefix);
    }

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _other.DisposeAsync();
        await _console.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [ServerFact]
    public async Task AnOperatorSeesASocketUnderTheInstanceThatHoldsItAndRemovesIt()
    {
        await using var far = await WsClient.ConnectAsync(_other.WebSocketUri("ws/faraway/?name=far"));

        var admin = await browser.NewPageAsync(1440, 900);
        await admin.GotoAsync(new Uri(_console.BaseUri, "admin").ToString());
        await Expect(admin.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await admin.GetByTestId("admin-key-input").FillAsync(Key);
        await admin.GetByTestId("admin-sign-in").ClickAsync();

        var own = admin.Locator("[data-testid='admin-instance'][data-own='true']");
        var other = admin.Locator("[data-testid='admin-instance'][data-own='false']");
        await Expect(own).ToHaveAttributeAsync("data-instance-name", new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(_console.BaseUri.Authority)));
        await Expect(other).ToHaveAttributeAsync("data-instance-name", new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(_other.BaseUri.Authority)));
        var row = other.Locator("[data-testid='admin-member-row'][data-name='far']");
        await Expect(row).ToHaveAttributeAsync("data-kind", "socket");
        await Expect(own.GetByTestId("admin-member-row")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(admin, "admin-console-instances");

        await admin.GetByTestId("admin-kick-reason").FillAsync("spamming from afar");
        await row.GetByTestId("admin-kick").ClickAsync();

        await Expect(admin.GetByTestId("admin-kick-outcome")).ToContainTextAsync("to remove far (socket) from faraway.");
        var (status, description) = await far.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("removed by an administrator: spamming from afar", description);
        await Expect(row).ToHaveCountAsync(0);
    }
}
