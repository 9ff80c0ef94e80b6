using System.Net.WebSockets;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>
/// Accounts in the deployment of deploy/: two instances on one Redis and one PostgreSQL database
/// behind real nginx, a real browser that signs in through nginx.
/// </summary>
[Requires(RedisServer.Executable)]
[Requires(NginxServer.Executable)]
[Requires(BrowserFixture.Executable)]
[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class AccountsBehindNginxTests(BrowserFixture browser, PostgresDatabase database)
    : IClassFixture<BrowserFixture>, IClassFixture<PostgresDatabase>
{
    [ServerFact]
    public async Task SignedInThroughNginxAPageStaysSignedInOnTheSurvivorAndItsTokenNeverReachesTheAccessLog()
    {
        await using var redis = await RedisServer.StartAsync();
        string accounts = await (await database.GetServerAsync()).CreateDatabaseAsync();
        var environment = AppProcess.OnRedis(redis, ("Database__Provider", "Postgres"), ("ConnectionStrings__Chat", accounts));
        await using var first = await AppProcess.StartAsync(environment);
        await using var second = await AppProcess.StartAsync(environment);
        await using var nginx = await NginxServer.StartAsync(first.BaseUri, second.BaseUri);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(nginx.BaseUri, "account/register").ToString());
        await AccountBrowserTests.FillAndPostAsync(page, "register", "ada", TestAccount.Password);
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("ada");

        // A page in a room under the account, so that the instance nginx sends this browser to shows.
        var chat = new ChatPage(page, nginx.BaseUri);
        await chat.OpenRoomAsync("lobby");
        await chat.SendAsync("signed in through nginx");
        await chat.ExpectMessageAsync("signed in through nginx");

        // That instance stops; the cookie it made is read by the other.
        var served = await BehindNginxTests.InstanceWithABrowserAsync(first, second);
        // Off the room first, so that no circuit of the stopped instance reloads the page under the next navigation.
        await page.GotoAsync("about:blank");
        Assert.Equal(0, await served.TerminateAsync());
        await page.GotoAsync(new Uri(nginx.BaseUri, "account").ToString());
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("ada");
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();

        await page.GetByTestId("token-name").FillAsync("script");
        await page.GetByTestId("token-create").ClickAsync();
        string token = (await page.GetByTestId("token-value").InnerTextAsync()).Trim();
        Assert.StartsWith("bct_", token);

        var uri = new Uri($"ws://{nginx.BaseUri.Authority}/ws/lobby/?format=json&access_token={Uri.EscapeDataString(token)}");
        await using (var script = await WsClient.ConnectAsync(uri))
        {
            await script.SendTextAsync("through nginx");
            Assert.Equal("ada", (await script.ReceiveJsonAsync("message")).GetProperty("user").GetString());
            await script.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        await Wait.UntilAsync(() => Task.FromResult(nginx.AccessLog().Contains("/ws/lobby/")), "nginx logged the socket");
        Assert.DoesNotContain(token[4..], nginx.AccessLog());
    }

    [ServerFact]
    public async Task APasskeyAddedThroughNginxAtLocalhostSignsInThroughIt()
    {
        await using var redis = await RedisServer.StartAsync();
        string accounts = await (await database.GetServerAsync()).CreateDatabaseAsync();
        // Each passkey ceremony is two posts: more than the sign-in limit lets through at once.
        var environment = AppProcess.OnRedis(redis, ("Database__Provider", "Postgres"), ("ConnectionStrings__Chat", accounts), ("Auth__SignInsPerMinute", "0"));
        await using var first = await AppProcess.StartAsync(environment);
        await using var second = await AppProcess.StartAsync(environment);
        await using var nginx = await NginxServer.StartAsync(first.BaseUri, second.BaseUri);
        // No Auth:PasskeyDomain: the relying party is the host nginx passes on, the page's own.
        var site = new UriBuilder(nginx.BaseUri) { Host = "localhost" }.Uri;
        var page = await browser.NewPageAsync();
        await VirtualAuthenticator.AddAsync(page);

        await page.GotoAsync(new Uri(site, "account/register").ToString());
        await AccountBrowserTests.FillAndPostAsync(page, "register", "ada", TestAccount.Password);
        await page.GotoAsync(new Uri(site, "account").ToString());
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await page.GetByTestId("passkey-name").FillAsync("laptop");
        await page.GetByTestId("passkey-add").ClickAsync();
        await Expect(page.GetByTestId("passkey-row")).ToContainTextAsync("laptop");

        await page.GetByTestId("signout-button").ClickAsync();
        await Expect(page.GetByTestId("signin-link")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(site, "account/login").ToString());
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await page.GetByTestId("passkey-signin").ClickAsync();

        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("ada");
    }
}
