using BlazorChat.Accounts;
using BlazorChat.Components.Pages.Account;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Components;

/// <summary>The sign-in and registration forms: plain forms that the browser posts to the account endpoints.</summary>
public sealed class AccountFormTests
{
    [Fact]
    public async Task TheSignInFormPostsItsFieldsToTheEndpointAndKeepsALocalReturnUrl()
    {
        await using var ctx = ChatTestContext.Create();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/account/login?ReturnUrl=%2Froom%2Flobby");
        var cut = ctx.Render<Login>();

        var form = cut.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/account/login", form.GetAttribute("action"));
        Assert.Equal("username", cut.Find("[data-testid=login-username]").GetAttribute("name"));
        Assert.Equal("password", cut.Find("[data-testid=login-password]").GetAttribute("name"));
        Assert.Equal("password", cut.Find("[data-testid=login-password]").GetAttribute("type"));
        Assert.Equal("submit", cut.Find("[data-testid=login-submit]").GetAttribute("type"));
        Assert.Equal("/room/lobby", cut.Find("input[name=ReturnUrl]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=login-error]"));
    }

    [Fact]
    public async Task AReturnUrlToAnotherSiteBecomesHome()
    {
        await using var ctx = ChatTestContext.Create();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        var cut = ctx.Render<Login>();

        Assert.Equal("/", cut.Find("input[name=ReturnUrl]").GetAttribute("value"));
    }

    [Theory]
    [InlineData(AccountErrors.WrongPassword, "Wrong user name or password.")]
    [InlineData(AccountErrors.LockedOut, "This account is locked for 5 minutes after 5 wrong passwords. Try again later.")]
    [InlineData(AccountErrors.TooManyAttempts, "Too many sign-in attempts from your address. Wait a minute, then try again.")]
    public async Task TheSignInFormSaysWhyTheLastAttemptFailed(string code, string sentence)
    {
        await using var ctx = ChatTestContext.Create();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/account/login?error={code}");
        var cut = ctx.Render<Login>();

        Assert.Equal(sentence, cut.Find("[data-testid=login-error]").TextContent.Trim());
    }

    [Fact]
    public async Task AnErrorCodeTheAppNeverWritesShowsNothing()
    {
        await using var ctx = ChatTestContext.Create();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/account/login?error=Your+account+was+hacked%2C+call+us");
        var cut = ctx.Render<Login>();

        Assert.Empty(cut.FindAll("[data-testid=login-error]"));
        Assert.DoesNotContain("hacked", cut.Markup);
    }

    [Fact]
    public async Task TheRegisterFormPostsToItsEndpointAndSaysWhyTheLastAttemptFailed()
    {
        await using var ctx = ChatTestContext.Create();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/account/register?error={AccountErrors.BadPassword}");
        var cut = ctx.Render<Register>();

        Assert.Equal("/account/register", cut.Find("form").GetAttribute("action"));
        Assert.Equal("username", cut.Find("[data-testid=register-username]").GetAttribute("name"));
        Assert.Equal("new-password", cut.Find("[data-testid=register-password]").GetAttribute("autocomplete"));
        Assert.Equal("submit", cut.Find("[data-testid=register-submit]").GetAttribute("type"));
        Assert.Equal(AccountErrors.PasswordRule, cut.Find("[data-testid=register-error]").TextContent.Trim());
        Assert.Contains(UserNames.Rule, cut.Markup);
    }
}
