using BlazorChat.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Components;

public sealed class HomeTests
{
    [Fact]
    public async Task ABadRoomNameIsExplainedNextToTheFieldAndNothingHappens()
    {
        await using var ctx = ChatTestContext.Create();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<Home>();

        cut.Find("[data-testid=name-input]").Input("Ada");
        cut.Find("[data-testid=room-input]").Input("no spaces!");
        cut.Find("form").Submit();

        Assert.Contains("is not a room name", cut.Markup);
        Assert.Equal("http://localhost/", navigation.Uri);
    }

    [Fact]
    public async Task ABlankNameIsExplainedAndAGoodFormJoinsTheRoomAndRemembersTheName()
    {
        await using var ctx = ChatTestContext.Create();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<Home>();

        cut.Find("[data-testid=room-input]").Input("kitchen");
        cut.Find("form").Submit();
        Assert.Contains(BlazorChat.Chat.DisplayName.Rule, cut.Markup);

        cut.Find("[data-testid=name-input]").Input("  Ada  ");
        cut.Find("form").Submit();

        Assert.Equal("http://localhost/room/kitchen", navigation.Uri);
        var save = Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "blazorChat.save");
        Assert.Equal(["blazorchat.name", "Ada"], save.Arguments);
    }

    [Fact]
    public async Task SignedInTheNameIsTheAccountsReadOnlyAndIsNotRememberedAsAGuestName()
    {
        await using var ctx = ChatTestContext.Create();
        await ctx.SignInAsync("ada");
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<Home>();

        var name = cut.Find("[data-testid=name-input]");
        Assert.Equal("ada", name.GetAttribute("value"));
        Assert.True(name.HasAttribute("readonly"));
        cut.Find("[data-testid=room-input]").Input("kitchen");
        cut.Find("form").Submit();

        Assert.Equal("http://localhost/room/kitchen", navigation.Uri);
        Assert.DoesNotContain(ctx.JSInterop.Invocations, i => i.Identifier is "blazorChat.save" or "blazorChat.load");
    }
}
