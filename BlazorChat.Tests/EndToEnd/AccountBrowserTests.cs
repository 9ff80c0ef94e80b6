using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using BlazorChat.Accounts;
using BlazorChat.Components.Pages;
using BlazorChat.Data;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>Accounts in real Chromium against real Kestrel, on each database: the forms, the app bar, rooms under the account, tokens.</summary>
public abstract class AccountBrowserTests(BrowserFixture browser, IDatabaseProvider database) : DatabaseTests(database)
{
    private const string Password = TestAccount.Password;

    private readonly string _room = "acct_" + Guid.NewGuid().ToString("N")[..8];

    public override async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await base.DisposeAsync();
    }

    [ServerFact]
    public async Task RegisterSignOutSignInAndChatAsTheAccountWhoseNameNoGuestCanTake()
    {
        var server = await StartServerAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(Url(server, "account/register"));
        await FillAndPostAsync(page, "register", "ada", Password);
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("ada");

        await page.GetByTestId("signout-button").ClickAsync();
        await Expect(page.GetByTestId("signin-link")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("account-name")).ToHaveCountAsync(0);

        await SignInAsync(page, server, "ada", Password);
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("ada");
        await Expect(page.GetByTestId("name-input")).ToHaveValueAsync("ada");
        await Expect(page.GetByTestId("name-input")).Not.ToBeEditableAsync();
        await page.GetByTestId("room-input").FillAsync(_room);
        await page.GetByTestId("join-button").ClickAsync();
        var ada = new ChatPage(page, server.BaseUri);
        await ada.WaitUntilConnectedAsync();
        await ada.SendAsync("hello as ada");
        await Expect(page.Locator(".message-row.own .sender")).ToHaveTextAsync("You");
        await Expect(page.Locator(".room-title")).ToContainTextAsync("as ada");

        // Another browser, a guest: the account's name is not theirs to take, in any case.
        var impostor = await browser.NewPageAsync();
        await impostor.GotoAsync(server.BaseUri.ToString());
        await Expect(impostor.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await impostor.GetByTestId("name-input").FillAsync("ADA");
        await impostor.GetByTestId("room-input").FillAsync(_room);
        await impostor.GetByTestId("join-button").ClickAsync();
        await Expect(impostor.GetByTestId("admission-refusal")).ToHaveTextAsync(AccountDirectory.NameTaken);

        // A guest under a name of their own sees the account's message under its display name.
        var grace = new ChatPage(await browser.NewPageAsync(), server.BaseUri);
        await grace.JoinThroughHomeAsync("grace", _room);
        await Expect(grace.Page.Locator(".message-row:not(.own) .sender")).ToHaveTextAsync("ada");
        await BrowserFixture.ScreenshotAsync(page, "account-room");
    }

    [ServerFact]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        var server = await StartServerAsync(new Dictionary<string, string?> { ["Auth:SignInsPerMinute"] = "0" });
        await TestAccount.CreateAsync(server.Services, "ada");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Url(server, "account/login"));

        for (int attempt = 1; attempt <= 4; attempt++)
        {
            await FillAndPostAsync(page, "login", "ada", "wrong-password1");
            await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Wrong user name or password.");
        }

        await FillAndPostAsync(page, "login", "ada", "wrong-password1");
        const string locked = "This account is locked for 5 minutes after 5 wrong passwords. Try again later.";
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(locked);
        await FillAndPostAsync(page, "login", "ada", Password);
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(locked);
        await Expect(page.GetByTestId("account-name")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "account-locked");
    }

    [ServerFact]
    public async Task ATokenMadeOnTheAccountPageSignsASocketInUntilItIsRevoked()
    {
        var server = await StartServerAsync();
        // An account with no token yet.
        await (await TestAccount.CreateAsync(server.Services, "ada")).RevokeAsync(server.Services);
        var page = await browser.NewPageAsync();
        await SignInAsync(page, server, "ada", Password, returnUrl: "/account");

        await page.GetByTestId("token-name").FillAsync("robot");
        await page.GetByTestId("token-create").ClickAsync();
        await Expect(page.GetByTestId("token-value")).ToContainTextAsync(AccessTokenFormat.Prefix);
        string token = await page.GetByTestId("token-value").InnerTextAsync();
        await Expect(page.GetByTestId("token-row")).ToContainTextAsync("robot");
        await BrowserFixture.ScreenshotAsync(page, "account-tokens");

        await using var robot = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{_room}/?format=json"), bearer: token);
        await robot.SendTextAsync("beep");
        var envelope = await robot.ReceiveJsonAsync("message");
        Assert.Equal(("ada", "ada", "beep"), (envelope.GetProperty("user").GetString(), envelope.GetProperty("sender").GetString(), envelope.GetProperty("text").GetString()));

        await page.GetByTestId("token-revoke").ClickAsync();
        await Expect(page.GetByTestId("token-row")).ToHaveCountAsync(0);

        var (_, status) = await robot.ReceiveUntilCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(server.WebSocketUri($"ws/{_room}/?format=json"), bearer: token));
    }

    [ServerFact]
    public async Task SigningOutElsewhereTakesAnOpenRoomPageOutAtItsNextRevalidation()
    {
        var server = await StartServerAsync(new Dictionary<string, string?> { ["Auth:RevalidationSeconds"] = "1" });
        await TestAccount.CreateAsync(server.Services, "ada");
        var page = await browser.NewPageAsync();
        await SignInAsync(page, server, "ada", Password, returnUrl: $"/room/{_room}");
        var ada = new ChatPage(page, server.BaseUri);
        await ada.WaitUntilConnectedAsync();

        // What /account/logout does in another browser of the same account.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync("ada"))!);
        }

        await Expect(page.GetByTestId("admission-refusal")).ToHaveTextAsync(Room.SignedOut);
        await Expect(ada.Status).ToHaveAttributeAsync("data-status", "disconnected");
        await Expect(page.GetByTestId("signin-link")).ToBeVisibleAsync();
    }

    [ServerFact]
    public async Task APrivateRoomRefusesAnUninvitedAccountAdmitsItInvitedAndABanThrowsItsPageOut()
    {
        var server = await StartServerAsync();
        var ada = await TestAccount.CreateAsync(server.Services, "ada");
        await TestAccount.CreateAsync(server.Services, "bob");
        using var owner = ada.HttpClient(server);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/rooms", new { name = _room, @private = true })).StatusCode);
        await using var adaSocket = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{_room}/?format=json"), bearer: ada.Token);

        var page = await browser.NewPageAsync();
        await SignInAsync(page, server, "bob", Password, returnUrl: $"/room/{_room}");
        await Expect(page.GetByTestId("private-room-notice")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("message")).ToHaveCountAsync(0);

        Assert.True((await owner.PostAsJsonAsync($"/api/rooms/{_room}/members", new { user = "bob" })).IsSuccessStatusCode);
        var bob = new ChatPage(page, server.BaseUri);
        await bob.OpenRoomAsync(_room);
        await bob.SendAsync("hello, members");
        var heard = await adaSocket.ReceiveJsonAsync("message");
        Assert.Equal(("bob", "hello, members"), (heard.GetProperty("user").GetString(), heard.GetProperty("text").GetString()));

        Assert.True((await owner.PostAsJsonAsync($"/api/rooms/{_room}/bans", new { user = "bob" })).IsSuccessStatusCode);
        await Expect(bob.Status).ToHaveAttributeAsync("data-status", "dropped");
        await Expect(page.GetByTestId("status-detail")).ToContainTextAsync("Removed from the room");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("private-room-notice")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "private-room-banned");
    }

    private static string Url(ChatServer server, string path) => new Uri(server.BaseUri, path).ToString();

    private static async Task SignInAsync(IPage page, ChatServer server, string userName, string password, string? returnUrl = null)
    {
        await page.GotoAsync(Url(server, returnUrl is null ? "account/login" : $"account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}"));
        await FillAndPostAsync(page, "login", userName, password);
    }

    /// <summary>
    /// Fills the sign-in or register form once it is interactive (so the circuit's first render
    /// cannot clear what was typed), posts it, and waits for the page the post leads to.
    /// </summary>
    internal static async Task FillAndPostAsync(IPage page, string form, string userName, string password)
    {
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await page.GetByTestId($"{form}-username").FillAsync(userName);
        await page.GetByTestId($"{form}-password").FillAsync(password);
        // A mark on this document: the next one has none, even when its address is the same.
        await page.EvaluateAsync("() => window.beforePost = true");
        await page.GetByTestId($"{form}-submit").ClickAsync();
        await page.WaitForFunctionAsync("() => window.beforePost === undefined");
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
    }
}

[Requires(BrowserFixture.Executable)]
public sealed class SqliteAccountBrowserTests(BrowserFixture browser, SqliteDatabase database)
    : AccountBrowserTests(browser, database), IClassFixture<BrowserFixture>, IClassFixture<SqliteDatabase>;

[Requires(BrowserFixture.Executable)]
[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class PostgresAccountBrowserTests(BrowserFixture browser, PostgresDatabase database)
    : AccountBrowserTests(browser, database), IClassFixture<BrowserFixture>, IClassFixture<PostgresDatabase>;
