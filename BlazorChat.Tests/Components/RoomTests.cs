using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Components.Pages;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using BlazorChat.Tests.Fixtures;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Components;

/// <summary>The room page on a real memory bus, its JS answered by bUnit.</summary>
public sealed class RoomTests
{
    [Fact]
    public async Task JoinsOnceInteractiveAndShowsWhatTheRoomSays()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        ctx.JSInterop.Setup<string?>("blazorChat.load", "blazorchat.name").SetResult("Ada");
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));

        cut.WaitForAssertion(() => Assert.Equal("connected", cut.Find("[data-testid=connection-status]").GetAttribute("data-status")));
        Assert.Equal(1, bus.CountLocalMembers("lobby"));
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "hi Ada"));

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=message] .text"), e => e.TextContent == "hi Ada"));
        Assert.Contains("[connected]", cut.FindAll("[data-testid=message]")[0].TextContent);
        Assert.Contains("as Ada", cut.Markup);
    }

    [Fact]
    public async Task SendingFromThePageReachesTheRoom()
    {
        await using var ctx = ChatTestContext.Create();
        var (cut, listener) = await OpenLobbyBesideAListenerAsync(ctx);

        await cut.SendFromPageAsync("from the page");

        var received = await listener.ReceiveAsync();
        Assert.Equal("from the page", received.Text);
        Assert.StartsWith("guest-", received.Sender);
    }

    [Fact]
    public async Task APageEditsAndDeletesItsOwnMessagesInPlaceAndOffersNothingForOthers()
    {
        await using var ctx = ChatTestContext.Create();
        var (cut, listener) = await OpenLobbyBesideAListenerAsync(ctx);
        await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Grace", "not yours"));
        await cut.SendFromPageAsync("helo");
        cut.WaitForAssertion(() => Assert.Equal(["not yours", "helo"], Texts(cut)));
        Assert.Single(cut.FindAll("[data-testid=message-edit]"));
        // A script asking for an action the row does not offer gets nothing.
        string others = cut.FindAll("[data-testid=message][data-kind=message]")[0].GetAttribute("data-message-id")!;
        await cut.InvokeAsync(() => cut.FindComponent<BlazorChat.Components.Chat.MessagePane>().Instance.RowActionAsync("delete", others));
        Assert.Empty(cut.FindAll("[data-testid=message-deleted]"));

        await cut.ClickRowActionAsync("message-edit");
        await cut.InvokeAsync(() => cut.Find("[data-testid=message-edit-input]").Input("hello"));
        await cut.InvokeAsync(() => cut.Find("form.edit-form").Submit());
        cut.WaitForAssertion(() => Assert.Equal(["not yours", "hello (edited)"], Texts(cut)));
        Assert.Single(cut.FindAll("[data-testid=message-edited]"));

        await cut.ClickRowActionAsync("message-delete");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=message-deleted]")));
        Assert.Empty(cut.FindAll("[data-testid=message-edit]"));
        var changes = (await listener.ReceiveTextsAsync(4)).Skip(2);
        Assert.Equal(["hello", ""], changes);
    }

    [Fact]
    public async Task ARefusedEditIsSaidAboveThePaneUntilDismissedAndChangesNothing()
    {
        await using var ctx = ChatTestContext.Create();
        var (cut, _) = await OpenLobbyBesideAListenerAsync(ctx);
        await cut.SendFromPageAsync("helo");
        cut.WaitForAssertion(() => Assert.Equal(["helo"], Texts(cut)));
        Assert.Empty(cut.FindAll("[data-testid=room-notice]"));

        await cut.ClickRowActionAsync("message-edit");
        await cut.InvokeAsync(() => cut.Find("[data-testid=message-edit-input]").Input(new string('x', new LimitsOptions().MaxMessageBytes + 1)));
        await cut.InvokeAsync(() => cut.Find("form.edit-form").Submit());

        cut.WaitForAssertion(() => Assert.Contains("Shorten it to send", cut.Find("[data-testid=room-notice]").TextContent));
        Assert.Equal(["helo"], Texts(cut));
        await cut.InvokeAsync(() => cut.Find("[data-testid=room-notice] button").Click());
        Assert.Empty(cut.FindAll("[data-testid=room-notice]"));
    }

    [Fact]
    public async Task AfterDisconnectNothingArrivesUntilConnectWhichCatchesUpOnWhatWasMissed()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=disconnect-button]")));
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "before"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=disconnect-button]").Click());
        cut.WaitForAssertion(() => Assert.Equal(0, bus.CountLocalMembers("lobby")));
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "while away"));

        // The memory bus delivers during the send itself, so a member would have it by now.
        Assert.Equal(["before"], Texts(cut));
        await cut.InvokeAsync(() => cut.Find("[data-testid=connect-button]").Click());
        cut.WaitForAssertion(() => Assert.Equal(1, bus.CountLocalMembers("lobby")));
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "after"));

        cut.WaitForAssertion(() => Assert.Equal(["before", "while away", "after"], Texts(cut)));
    }

    /// <summary>The page in the lobby, connected, and a member of the lobby that hears everything it sends.</summary>
    private static async Task<(IRenderedComponent<Room> Page, Bus.TestMember Listener)> OpenLobbyBesideAListenerAsync(BunitContext ctx)
    {
        var listener = new Bus.TestMember("listener");
        await ctx.Bus().GroupAddAsync("lobby", listener);
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=disconnect-button]")));
        return (cut, listener);
    }

    private static List<string> Texts(IRenderedComponent<Room> cut) =>
        [.. cut.FindAll("[data-testid=message][data-kind=message] .text").Select(e => e.TextContent)];

    [Fact]
    public async Task DisposingThePageLeavesTheRoom()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Equal(1, bus.CountLocalMembers("lobby")));

        await cut.Instance.DisposeAsync();

        // The page's connection is gone; the sidebar counts the room from here on, as no one in it.
        Assert.Empty(ctx.Services.GetRequiredService<LocalConnections>().Snapshot());
        Assert.Empty(await ctx.Services.GetRequiredService<RoomPresence>().MembersAsync("lobby"));
    }

    [Fact]
    public async Task MovingToAnotherRoomLeavesTheFirst()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Equal(1, bus.CountLocalMembers("lobby")));

        cut.Render(p => p.Add(x => x.Group, "kitchen"));

        cut.WaitForAssertion(() => Assert.Equal(1, bus.CountLocalMembers("kitchen")));
        Assert.Equal(["kitchen"], ctx.Services.GetRequiredService<LocalConnections>().Snapshot().Select(c => c.Group));
        Assert.Empty(await ctx.Services.GetRequiredService<RoomPresence>().MembersAsync("lobby"));
        Assert.Contains("#kitchen", cut.Markup);
    }

    [Fact]
    public async Task ABurstOfJoinsMakesThePageReadPresenceOnceAfterItNotOnceForEach()
    {
        var time = new FakeTimeProvider();
        var store = new CountingPresenceStore(new MemoryPresenceStore());
        await using var ctx = ChatTestContext.Create(s => s.AddSingleton<TimeProvider>(time).AddSingleton<IPresenceStore>(store));
        var bus = ctx.Bus();
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=member]")));
        Assert.Equal(1, store.MemberReads);

        const int burst = 50;
        for (int i = 0; i < burst; i++)
        {
            var entry = new PresenceEntry($"guest{i}", $"guest{i}", ConnectionKind.Socket, time.GetUtcNow());
            await store.AddAsync("lobby", entry);
            await bus.GroupSendAsync("lobby", RoomPresence.JoinEvent(entry));
        }

        // Every join is shown as it comes; the member list waits for the burst to pass...
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=message][data-kind=join]"), e => e.TextContent.Contains($"guest{burst - 1} joined")));
        Assert.Equal(1, store.MemberReads);
        Assert.Single(cut.FindAll("[data-testid=member]"));

        // ...and then reads presence once, for all of it.
        time.Advance(Room.MembersRefreshPause);
        cut.WaitForAssertion(() => Assert.Equal(burst + 1, cut.FindAll("[data-testid=member]").Count));
        Assert.Equal(2, store.MemberReads);
    }

    [Theory]
    [InlineData("no spaces")]
    [InlineData("<script>")]
    public async Task ABadRoomNameShowsAFriendlyPageAndJoinsNothing(string group)
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, group));

        Assert.Contains("There is no room called", cut.Find("[data-testid=bad-room]").TextContent);
        Assert.Equal(0, bus.CountLocalGroups());
    }
}
