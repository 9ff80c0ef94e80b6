using BlazorChat.Accounts;
using BlazorChat.Components.Pages.Account;
using BlazorChat.Data;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Components;

/// <summary>/account on the real accounts, on each database.</summary>
public abstract class AccountPageTests(IDatabaseProvider database) : DatabaseTests(database)
{
    private async Task<BunitContext> CreateAsync() => ChatTestContext.Create(settings: await NewDatabaseAsync());

    [ServerFact]
    public async Task AGuestIsSentToSignInAndBack()
    {
        await using var ctx = await CreateAsync();
        ctx.Render<AccountPage>();

        Assert.Equal("http://localhost/account/login?ReturnUrl=%2Faccount", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [ServerFact]
    public async Task ANewTokenIsShownOnceAndRevokingItRemovesItsRow()
    {
        await using var ctx = await CreateAsync();
        var ada = await ctx.SignInAsync("ada");
        var cut = ctx.Render<AccountPage>();

        cut.Find("[data-testid=token-name]").Input("robot");
        Submit(cut, "token-create");

        cut.WaitForAssertion(() => Assert.StartsWith(AccessTokenFormat.Prefix, cut.Find("[data-testid=token-value]").TextContent));
        string token = cut.Find("[data-testid=token-value]").TextContent;
        // The list is read again after the value is shown.
        cut.WaitForAssertion(() => Assert.Contains("robot", Assert.Single(cut.FindAll("[data-testid=token-row]")).TextContent));
        Assert.NotNull(await FindTokenAsync(ctx, token));

        // Shown once: the page opened again lists the token, but never its value.
        var again = ctx.Render<AccountPage>();
        again.WaitForAssertion(() => Assert.Single(again.FindAll("[data-testid=token-row]")));
        Assert.Empty(again.FindAll("[data-testid=token-value]"));

        again.Find("[data-testid=token-revoke]").Click();

        again.WaitForAssertion(() => Assert.Empty(again.FindAll("[data-testid=token-row]")));
        Assert.Null(await FindTokenAsync(ctx, token));
        await using var scope = ctx.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<AccessTokens>().ListAsync(ada.Id));
    }

    [ServerFact]
    public async Task ATokenWithoutANameIsRefusedWithTheRule()
    {
        await using var ctx = await CreateAsync();
        await ctx.SignInAsync("ada");
        var cut = ctx.Render<AccountPage>();

        Submit(cut, "token-create");

        cut.WaitForAssertion(() => Assert.Contains(AccessTokens.NameRule, cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=token-value]"));
        Assert.Empty(cut.FindAll("[data-testid=token-row]"));
    }

    [ServerFact]
    public async Task TheDisplayNameIsSavedUnlessAnotherAccountHasIt()
    {
        await using var ctx = await CreateAsync();
        await ctx.RegisterAsync("bob");
        var ada = await ctx.SignInAsync("ada");
        var cut = ctx.Render<AccountPage>();
        Assert.Equal("ada", cut.Find("[data-testid=account-display-name]").GetAttribute("value"));

        cut.Find("[data-testid=account-display-name]").Input("BOB");
        Submit(cut, "account-save");
        cut.WaitForAssertion(() => Assert.Contains("Another account uses that name.", cut.Markup));

        cut.Find("[data-testid=account-display-name]").Input("Ada Lovelace");
        Submit(cut, "account-save");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=account-saved]")));
        Assert.DoesNotContain("Another account uses that name.", cut.Markup);
        await using var scope = ctx.Services.CreateAsyncScope();
        Assert.Equal("Ada Lovelace", (await scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>().FindByIdAsync(ada.Id))!.DisplayName);
    }

    [ServerFact]
    public async Task TheAccountsPasskeysAreListedByNameAndRemovingOneTakesItOffTheAccount()
    {
        await using var ctx = await CreateAsync();
        var ada = await ctx.SignInAsync("ada");
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var passkey = new UserPasskeyInfo(
                credentialId: [1, 2, 3], publicKey: [4, 5, 6], createdAt: DateTimeOffset.UtcNow, signCount: 0, transports: ["internal"],
                isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [7], clientDataJson: [8]) { Name = "laptop" };
            Assert.True((await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(ada.Id))!, passkey)).Succeeded);
        }

        var cut = ctx.Render<AccountPage>();
        cut.WaitForAssertion(() => Assert.Equal("laptop", Assert.Single(cut.FindAll("[data-testid=passkey-row]")).GetAttribute("data-passkey-name")));
        cut.Find("[data-testid=passkey-remove]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=passkey-row]")));
        await using var after = ctx.Services.CreateAsyncScope();
        var manager = after.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        Assert.Empty(await manager.GetPasskeysAsync((await manager.FindByIdAsync(ada.Id))!));
    }

    [ServerFact]
    public async Task APasskeyWithoutANameIsRefusedWithTheRuleBeforeTheBrowserIsAsked()
    {
        await using var ctx = await CreateAsync();
        await ctx.SignInAsync("ada");
        var cut = ctx.Render<AccountPage>();

        Submit(cut, "passkey-add");

        cut.WaitForAssertion(() => Assert.Equal(Passkeys.NameRule, cut.Find("[data-testid=passkey-error]").TextContent));
        Assert.DoesNotContain(ctx.JSInterop.Invocations, invocation => invocation.Identifier == "import");
    }

    // bUnit clicks only run a button's own handler; a submit button's form is submitted by hand.
    private static void Submit(IRenderedComponent<AccountPage> cut, string button) =>
        cut.Find($"[data-testid={button}]").Closest("form")!.Submit();

    private static async Task<AccessTokenRecord?> FindTokenAsync(BunitContext ctx, string token)
    {
        await using var scope = ctx.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccessTokens>().FindAsync(token);
    }
}

public sealed class SqliteAccountPageTests(SqliteDatabase database) : AccountPageTests(database), IClassFixture<SqliteDatabase>;

[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class PostgresAccountPageTests(PostgresDatabase database) : AccountPageTests(database), IClassFixture<PostgresDatabase>;
