using BlazorChat.Accounts;
using BlazorChat.Components.Account;
using BlazorChat.Data;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>
/// Passkeys in real Chromium, with its virtual authenticator, against real Kestrel, on each
/// database. WebAuthn refuses IP addresses as relying parties, so these pages are opened at
/// <c>localhost</c>, which Chromium reaches on the server's 127.0.0.1.
/// </summary>
public abstract class PasskeyBrowserTests(BrowserFixture browser, IDatabaseProvider database) : DatabaseTests(database)
{
    public override async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await base.DisposeAsync();
    }

    [ServerFact]
    public async Task APasskeyAddedOnTheAccountPageSignsInUntilItIsRemoved()
    {
        // Each ceremony is two posts (its options, its answer): more than the limit lets through at once.
        var server = await StartServerAsync(new Dictionary<string, string?> { ["Auth:SignInsPerMinute"] = "0" });
        var page = await browser.NewPageAsync();
        var authenticator = await VirtualAuthenticator.AddAsync(page);

        await page.GotoAsync(AtLocalhost(server, "account/register"));
        await AccountBrowserTests.FillAndPostAsync(page, "register", "ada", TestAccount.Password);
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("ada");

        await OpenInteractiveAsync(page, AtLocalhost(server, "account"));
        await page.GetByTestId("passkey-name").FillAsync("laptop");
        await page.GetByTestId("passkey-add").ClickAsync();
        await Expect(page.GetByTestId("passkey-row")).ToContainTextAsync("laptop");
        await Expect(page.GetByTestId("passkey-error")).ToHaveCountAsync(0);
        Assert.Equal(1, await authenticator.CredentialCountAsync());
        Assert.Equal("laptop", Assert.Single(await PasskeysOfAsync(server, "ada")).Name);
        await BrowserFixture.ScreenshotAsync(page, "account-passkeys");

        await page.GetByTestId("signout-button").ClickAsync();
        await Expect(page.GetByTestId("signin-link")).ToBeVisibleAsync();
        // Nothing of the password's sign-in is left for the passkey to lean on.
        await page.Context.ClearCookiesAsync();

        await OpenInteractiveAsync(page, AtLocalhost(server, "account/login?ReturnUrl=%2Faccount"));
        await page.GetByTestId("passkey-signin").ClickAsync();
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("ada");
        await Expect(page).ToHaveURLAsync(AtLocalhost(server, "account"));
        // The same Identity cookie as a password's sign-in.
        Assert.Contains(await page.Context.CookiesAsync(), cookie => cookie.Name == "blazorchat.auth");

        await Expect(page.GetByTestId("passkey-row")).ToHaveCountAsync(1);
        // The sign-in's redirect loads the account page anew: its buttons answer once it is interactive.
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await page.GetByTestId("passkey-remove").ClickAsync();
        await Expect(page.GetByTestId("passkey-row")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("passkey-error")).ToHaveCountAsync(0);
        Assert.Empty(await PasskeysOfAsync(server, "ada"));

        await page.GetByTestId("signout-button").ClickAsync();
        await Expect(page.GetByTestId("signin-link")).ToBeVisibleAsync();

        // The device still offers the passkey, and the server no longer knows it.
        Assert.Equal(1, await authenticator.CredentialCountAsync());
        await OpenInteractiveAsync(page, AtLocalhost(server, "account/login"));
        await page.GetByTestId("passkey-signin").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(AccountErrors.Describe(AccountErrors.PasskeyRefused, new())!);
        await Expect(page.GetByTestId("account-name")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "passkey-refused");
    }

    [ServerFact]
    public async Task AtAnIpAddressThePageSaysPasskeysNeedTheSitesName()
    {
        var server = await StartServerAsync();
        var page = await browser.NewPageAsync();
        await VirtualAuthenticator.AddAsync(page);

        await OpenInteractiveAsync(page, new Uri(server.BaseUri, "account/login").ToString());
        await page.GetByTestId("passkey-signin").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(new PasskeyOutcome("address").Describe()!);
    }

    [ServerFact]
    public async Task AnAuthenticatorThatCannotVerifyItsUserAddsNothingAndThePageSaysTheBrowserGaveNoPasskey()
    {
        var server = await StartServerAsync(new Dictionary<string, string?> { ["Auth:SignInsPerMinute"] = "0" });
        await TestAccount.CreateAsync(server.Services, "ada");
        var page = await browser.NewPageAsync();
        await VirtualAuthenticator.AddAsync(page, userVerified: false);
        await OpenInteractiveAsync(page, AtLocalhost(server, "account/login?ReturnUrl=%2Faccount"));
        await AccountBrowserTests.FillAndPostAsync(page, "login", "ada", TestAccount.Password);

        await page.GetByTestId("passkey-name").FillAsync("laptop");
        await page.GetByTestId("passkey-add").ClickAsync();

        await Expect(page.GetByTestId("passkey-error")).ToHaveTextAsync(new PasskeyOutcome("cancelled").Describe()!);
        await Expect(page.GetByTestId("passkey-row")).ToHaveCountAsync(0);
        Assert.Empty(await PasskeysOfAsync(server, "ada"));
    }

    [ServerFact]
    public async Task ABrowserWithoutPasskeysIsToldSo()
    {
        var server = await StartServerAsync();
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync("delete window.PublicKeyCredential");

        await OpenInteractiveAsync(page, AtLocalhost(server, "account/login"));
        await page.GetByTestId("passkey-signin").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(new PasskeyOutcome("unsupported").Describe()!);
    }

    /// <summary>The server's page at <c>localhost</c>, a name WebAuthn accepts, on the server's own port.</summary>
    private static string AtLocalhost(ChatServer server, string path) =>
        new Uri(new UriBuilder(server.BaseUri) { Host = "localhost" }.Uri, path).ToString();

    private static async Task OpenInteractiveAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await Expect(page.Locator("[data-interactive='yes']").First).ToBeVisibleAsync();
    }

    private static async Task<IList<UserPasskeyInfo>> PasskeysOfAsync(ChatServer server, string userName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        return await users.GetPasskeysAsync((await users.FindByNameAsync(userName))!);
    }
}

[Requires(BrowserFixture.Executable)]
public sealed class SqlitePasskeyBrowserTests(BrowserFixture browser, SqliteDatabase database)
    : PasskeyBrowserTests(browser, database), IClassFixture<BrowserFixture>, IClassFixture<SqliteDatabase>;

[Requires(BrowserFixture.Executable)]
[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class PostgresPasskeyBrowserTests(BrowserFixture browser, PostgresDatabase database)
    : PasskeyBrowserTests(browser, database), IClassFixture<BrowserFixture>, IClassFixture<PostgresDatabase>;
