using BlazorChat.Accounts;
using BlazorChat.Chat;
using BlazorChat.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Components;

/// <summary>The room page with accounts: who it joins as, who it lets in, and whose messages it calls "You".</summary>
public sealed class RoomAccountTests
{
    [Fact]
    public async Task ASignedInPageJoinsAsTheAccountAndItsMessagesCarryTheUser()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        var listener = new Bus.TestMember("listener");
        await bus.GroupAddAsync("lobby", listener);
        await ctx.SignInAsync("ada");
        // A guest name remembered from before signing in counts for nothing now.
        ctx.JSInterop.Setup<string?>("blazorChat.load", "blazorchat.name").SetResult("Grace");
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=disconnect-button]")));

        await cut.SendFromPageAsync("hello as ada");

        var received = await listener.ReceiveAsync();
        Assert.Equal(("ada", "ada"), (received.Sender, received.User));
        cut.WaitForAssertion(() => Assert.Equal("You", cut.Find(".message-row.own .sender").TextContent));
        Assert.Contains("as ada", cut.Markup);
    }

    [Fact]
    public async Task AGuestsOwnMessagesAreToldByTheirConnectionNotByTheirName()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        ctx.JSInterop.Setup<string?>("blazorChat.load", "blazorchat.name").SetResult("Grace");
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=disconnect-button]")));

        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "another guest called Grace", Origin: "someone-else"));
        await cut.SendFromPageAsync("from this page");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=message][data-kind=message]").Count));
        var rows = cut.FindAll("[data-testid=message][data-kind=message]");
        Assert.Equal(("Grace", false), (rows[0].QuerySelector(".sender")!.TextContent, rows[0].ClassList.Contains("own")));
        Assert.Equal(("You", true), (rows[1].QuerySelector(".sender")!.TextContent, rows[1].ClassList.Contains("own")));
    }

    [Fact]
    public async Task AGuestUnderAnAccountsNameIsRefusedAndToldWhy()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        await ctx.RegisterAsync("ada");
        ctx.JSInterop.Setup<string?>("blazorChat.load", "blazorchat.name").SetResult("ADA");
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));

        cut.WaitForAssertion(() => Assert.Equal(AccountDirectory.NameTaken, cut.Find("[data-testid=admission-refusal]").TextContent));
        Assert.Equal(0, bus.CountLocalMembers("lobby"));
        Assert.Equal("disconnected", cut.Find("[data-testid=connection-status]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task WhereGuestsAreDeniedAGuestIsSentToSignInAndBack()
    {
        await using var ctx = ChatTestContext.Create(settings: new Dictionary<string, string?> { ["Auth:Guests"] = "Deny" });
        var bus = ctx.Bus();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/account/login?ReturnUrl=%2Froom%2Flobby", navigation.Uri));
        Assert.Equal(0, bus.CountLocalMembers("lobby"));
    }

    [Fact]
    public async Task AnAccountSignedOutWhileInTheRoomTakesThePageOutAndSaysSo()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        await ctx.SignInAsync("ada");
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Equal(1, bus.CountLocalMembers("lobby")));

        // What revalidation does when the account's security stamp changed (it signed out elsewhere).
        ctx.Authorization().SetNotAuthorized();

        cut.WaitForAssertion(() => Assert.Equal(Room.SignedOut, cut.Find("[data-testid=admission-refusal]").TextContent));
        Assert.Equal(0, bus.CountLocalMembers("lobby"));
    }

    [Fact]
    public async Task ARoomsOwnerMayDeleteAnyonesMessageFromThePage()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        var owner = await ctx.SignInAsync("ada");
        await ctx.RegisterAsync("bob");
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<BlazorChat.Rooms.RoomAdmin>();
            var ada = new BlazorChat.Rooms.ChatIdentity(owner.Id, owner.UserName);
            Assert.Equal(BlazorChat.Rooms.RoomAdminOutcome.Done, (await admin.CreateAsync(ada, "den", isPrivate: true)).Outcome);
            Assert.Equal(BlazorChat.Rooms.RoomAdminOutcome.Done, (await admin.InviteAsync(ada, "den", "bob")).Outcome);
        }

        var said = await bus.GroupSendAsync("den", new MessageDraft("bob", "bob was here", User: "bob", Origin: "bobs-socket"));
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "den"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=message][data-kind=message]")));

        Assert.Equal("Delete bob's message", cut.Find("[data-testid=message-delete]").GetAttribute("aria-label"));
        await cut.ClickRowActionAsync("message-delete");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=message-deleted]")));
        var kept = await ctx.Services.GetRequiredService<BlazorChat.Bus.IRoomHistory>().FindAsync("den", said.OrderId!.Value);
        Assert.Equal(MessageChange.Deleted, kept!.Change);
    }
}
