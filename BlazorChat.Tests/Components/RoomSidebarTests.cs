using BlazorChat.Chat;
using BlazorChat.Components;
using BlazorChat.Components.Chat;
using BlazorChat.Components.Pages;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using BlazorChat.Sidebar;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Components;

/// <summary>The sidebar beside the room page, on a real memory bus: counts, badges, the title, the divider on coming back.</summary>
public sealed class RoomSidebarTests
{
    [Fact]
    public async Task OnlyOthersOrdinaryMessagesInARoomNotOnScreenCountInItsLinkAndTheTitle()
    {
        await using var ctx = ChatTestContext.Create();
        var (page, sidebar) = await OpenAsync(ctx, "lobby", "kitchen");
        var bus = ctx.Bus();
        var session = ctx.Services.GetRequiredService<ChatSession>();
        var head = ctx.Render<HeadOutlet>();

        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "one"));
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "", MessageKind.Typing));
        await bus.GroupSendAsync("lobby", RoomPresence.JoinEvent(new PresenceEntry("x", "Bob", ConnectionKind.Socket, DateTimeOffset.UtcNow)));
        await bus.GroupSendAsync("lobby", new MessageDraft("Ada", "my own, from this tab earlier", Origin: session.Id));
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "two"));
        await bus.GroupSendAsync("kitchen", new MessageDraft("Grace", "on screen"));

        sidebar.WaitForAssertion(() => Assert.Equal("2", Link(sidebar, "lobby").QuerySelector("[data-testid=unread-count]")?.TextContent));
        Assert.Null(Link(sidebar, "kitchen").QuerySelector("[data-testid=unread-count]"));
        Assert.Equal("page", Link(sidebar, "kitchen").GetAttribute("aria-current"));
        Assert.Equal("lobby, 2 unread", Link(sidebar, "lobby").GetAttribute("aria-label"));
        head.WaitForAssertion(() => Assert.Contains("<title>(2) #kitchen · BlazorChat</title>", head.Markup));
        // A counter is a bus member only: nobody new in the lobby's member list.
        Assert.Empty(await ctx.Services.GetRequiredService<RoomPresence>().MembersAsync("lobby"));
        Assert.Contains("on screen", page.Markup);
    }

    [Fact]
    public async Task MentionsOfTheReaderCountApartAndAreAnnouncedWhileOthersAreNot()
    {
        await using var ctx = ChatTestContext.Create();
        var (_, sidebar) = await OpenAsync(ctx, "lobby", "kitchen");
        var rooms = ctx.Services.GetRequiredService<RoomList>();
        var announced = new List<string>();
        rooms.Mentioned += message => { lock (announced) { announced.Add(message.Text); } };

        await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Grace", "hello @ADA!"));
        await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Grace", "ask @adam, or mail ada@example.com"));

        sidebar.WaitForAssertion(() => Assert.Equal("2", Link(sidebar, "lobby").QuerySelector("[data-testid=unread-count]")?.TextContent));
        Assert.Equal("@1", Link(sidebar, "lobby").QuerySelector("[data-testid=mention-count]")?.TextContent);
        Assert.Equal("lobby, 2 unread, 1 mention", Link(sidebar, "lobby").GetAttribute("aria-label"));
        lock (announced)
        {
            Assert.Equal(["hello @ADA!"], announced);
        }

        ctx.JSInterop.VerifyInvoke("blazorChat.notifyMention");
    }

    [Fact]
    public async Task ComingBackShowsTheDividerBeforeTheFirstMessageNotReadAndClearsTheCount()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "read before"));
        var (page, sidebar) = await OpenAsync(ctx, "lobby", "kitchen");
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "first new"));
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "second new"));
        sidebar.WaitForAssertion(() => Assert.Equal("2", Link(sidebar, "lobby").QuerySelector("[data-testid=unread-count]")?.TextContent));

        page.Render(p => p.Add(x => x.Group, "lobby"));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=unread-divider]")));
        var after = page.Find("[data-testid=unread-divider] + [data-testid=message]");
        Assert.Equal("first new", after.QuerySelector(".text")!.TextContent);
        sidebar.WaitForAssertion(() => Assert.Empty(sidebar.FindAll("[data-testid=unread-count]")));
        Assert.Equal("page", Link(sidebar, "lobby").GetAttribute("aria-current"));
    }

    [Fact]
    public async Task AFirstVisitShowsNoDivider()
    {
        await using var ctx = ChatTestContext.Create();
        await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Grace", "said before anyone came"));
        var (page, _) = await OpenAsync(ctx, "lobby");

        page.WaitForAssertion(() => Assert.Contains("said before anyone came", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=unread-divider]"));
    }

    [Fact]
    public async Task APrivateRoomTheGuestMayNotEnterShowsNoCount()
    {
        await using var ctx = ChatTestContext.Create();
        var owner = await ctx.RegisterAsync("owner");
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<RoomAdmin>().CreateAsync(new ChatIdentity(owner.Id, "owner"), "secret", isPrivate: true);
            Assert.Equal(RoomAdminOutcome.Done, created.Outcome);
        }

        // What the guest's browser kept from before the room was made private (or what anyone may write there).
        ctx.JSInterop.Setup<string?>("blazorChat.load", BrowserStorage.RoomsKey)
            .SetResult("""[{"room":"secret","lastRead":"0","openedUtc":"2026-12-01T00:00:00Z"},{"room":"lobby","lastRead":"0","openedUtc":"2026-12-01T00:00:00Z"}]""");
        var (_, sidebar) = await OpenAsync(ctx, "kitchen");
        sidebar.WaitForAssertion(() => Assert.Equal(3, sidebar.FindAll("[data-testid=room-link]").Count));

        await ctx.Bus().GroupSendAsync("secret", new MessageDraft("owner", "members only"));
        await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Grace", "for all"));

        sidebar.WaitForAssertion(() => Assert.Equal("1", Link(sidebar, "lobby").QuerySelector("[data-testid=unread-count]")?.TextContent));
        Assert.Null(Link(sidebar, "secret").QuerySelector("[data-testid=unread-count]"));
        Assert.Equal(0, ctx.Bus().CountLocalMembers("secret"));
    }

    [Fact]
    public async Task AMemberRemovedFromAPrivateRoomSeesItsCountNoMore()
    {
        await using var ctx = ChatTestContext.Create();
        var owner = new ChatIdentity((await ctx.RegisterAsync("owner")).Id, "owner");
        await ctx.SignInAsync("ada");
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<RoomAdmin>();
            Assert.Equal(RoomAdminOutcome.Done, (await admin.CreateAsync(owner, "secret", isPrivate: true)).Outcome);
            Assert.Equal(RoomAdminOutcome.Done, (await admin.InviteAsync(owner, "secret", "ada")).Outcome);
        }

        var (_, sidebar) = await OpenAsync(ctx, "secret", "kitchen");
        await ctx.Bus().GroupSendAsync("secret", new MessageDraft("owner", "for members"));
        sidebar.WaitForAssertion(() => Assert.Equal("1", Link(sidebar, "secret").QuerySelector("[data-testid=unread-count]")?.TextContent));

        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            Assert.Equal(RoomAdminOutcome.Done, (await scope.ServiceProvider.GetRequiredService<RoomAdmin>().RemoveMemberAsync(owner, "secret", "ada")).Outcome);
        }

        sidebar.WaitForAssertion(() => Assert.Null(Link(sidebar, "secret").QuerySelector("[data-testid=unread-count]")));
        Assert.Equal(0, ctx.Bus().CountLocalMembers("secret"));
    }

    [Fact]
    public async Task ClosingARoomTakesItOffTheListAndStopsCountingIt()
    {
        await using var ctx = ChatTestContext.Create();
        var (_, sidebar) = await OpenAsync(ctx, "lobby", "kitchen");
        Assert.Equal(1, ctx.Bus().CountLocalMembers("lobby"));

        await sidebar.InvokeAsync(() => sidebar.Find("[data-room=lobby] + [data-testid=room-close]").Click());

        sidebar.WaitForAssertion(() => Assert.Equal(["kitchen"], sidebar.FindAll("[data-testid=room-link]").Select(l => l.GetAttribute("data-room"))));
        Assert.Equal(0, ctx.Bus().CountLocalMembers("lobby"));
    }

    [Fact]
    public void CountsPast99ShowAs99Plus()
    {
        Assert.Equal("99", RoomSidebar.Shown(99));
        Assert.Equal("99+", RoomSidebar.Shown(100));
        Assert.Equal("#lobby · BlazorChat", UnreadTitle.Title("lobby", 0));
        Assert.Equal("(3) #lobby · BlazorChat", UnreadTitle.Title("lobby", 3));
    }

    /// <summary>A guest called Ada opens each room in turn on one page, the last on screen, with the sidebar beside it.</summary>
    internal static async Task<(IRenderedComponent<Room> Page, IRenderedComponent<RoomSidebar> Sidebar)> OpenAsync(BunitContext ctx, params string[] rooms)
    {
        ctx.JSInterop.Setup<string?>("blazorChat.load", BrowserStorage.NameKey).SetResult("Ada");
        var sidebar = ctx.Render<RoomSidebar>();
        var page = ctx.Render<Room>(p => p.Add(x => x.Group, rooms[0]));
        foreach (var room in rooms)
        {
            page.Render(p => p.Add(x => x.Group, room));
            page.WaitForAssertion(() => Assert.Equal("connected", page.Find("[data-testid=connection-status]").GetAttribute("data-status")));
            page.WaitForAssertion(() => Assert.Contains($"#{room}", page.Find(".room-name").TextContent));
            sidebar.WaitForAssertion(() => Assert.Equal("page", Link(sidebar, room).GetAttribute("aria-current")));
        }

        return (page, sidebar);
    }

    internal static AngleSharp.Dom.IElement Link(IRenderedComponent<RoomSidebar> sidebar, string room) => sidebar.Find($"[data-testid=room-link][data-room={room}]");
}
