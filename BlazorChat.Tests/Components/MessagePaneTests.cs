using BlazorChat.Chat;
using BlazorChat.Components.Chat;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Components;

public sealed class MessagePaneTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 5, 0, TimeSpan.Zero);

    private static ChatMessage Message(string sender, string text, MessageKind kind = MessageKind.Message) =>
        new("1", "lobby", sender, text, Noon, kind);

    // A guest's message from connection "c1" unless told otherwise, sent at `ts`.
    private static ChatMessage Said(string sender, DateTimeOffset ts, string origin = "c1", string? user = null, string id = "1") =>
        new(id, "lobby", sender, $"{sender} at {ts:HH:mm}", ts, MessageKind.Message, user: user, origin: origin);

    private static IRenderedComponent<MessagePane> RenderPane(BunitContext ctx, IReadOnlyList<ChatMessage> messages, TimeSpan utcOffset = default) =>
        ctx.Render<MessagePane>(p => p.Add(x => x.Messages, messages).Add(x => x.UtcOffset, utcOffset));

    // Each message row's sender header, or null for a row that continues a group.
    private static IEnumerable<string?> Headers(IRenderedComponent<MessagePane> cut) =>
        cut.FindAll("[data-testid=message][data-kind=message]").Select(row => row.QuerySelector(".sender")?.TextContent);

    [Fact]
    public async Task EachRowShowsSenderLocalTimeAndText()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessagePane>(p => p
            .Add(x => x.Messages, [Message("Grace", "hello")])
            .Add(x => x.UtcOffset, TimeSpan.FromHours(2)));

        var row = cut.Find("[data-testid=message]");
        Assert.Equal("Grace", row.QuerySelector(".sender")!.TextContent);
        Assert.Equal("14:05", row.QuerySelector(".time")!.TextContent);
        Assert.Equal("hello", row.QuerySelector(".text")!.TextContent);
    }

    [Fact]
    public async Task OwnMessagesAndSystemLinesAreToldApart()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessagePane>(p => p
            .Add(x => x.Messages, [Message("", "[connected]", MessageKind.System), Message("Ada", "mine"), Message("Bob", "theirs")])
            .Add(x => x.IsOwn, message => message.Text == "mine"));

        var rows = cut.FindAll("[data-testid=message]");
        Assert.Equal(3, rows.Count);
        Assert.Contains("system-row", rows[0].ClassName);
        Assert.Equal("system", rows[0].GetAttribute("data-kind"));
        Assert.Contains("own", rows[1].ClassList);
        Assert.Equal("You", rows[1].QuerySelector(".sender")!.TextContent);
        Assert.DoesNotContain("own", rows[2].ClassList);
    }

    [Fact]
    public async Task MarkupIsRenderedAsText()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessagePane>(p => p.Add(x => x.Messages, [Message("<b>x</b>", "<img src=x onerror=alert(1)>")]));

        Assert.Empty(cut.FindAll("[data-testid=message-pane] img"));
        Assert.Empty(cut.FindAll("[data-testid=message-pane] b"));
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find(".text").TextContent);
        Assert.Equal("<b>x</b>", cut.Find(".sender").TextContent);
    }

    [Fact]
    public async Task AnEmptyRoomSaysSoAndTheFollowScriptIsStarted()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessagePane>(p => p.Add(x => x.Messages, []));

        Assert.Empty(cut.FindAll("[data-testid=message]"));
        Assert.Contains("No messages yet", cut.Find(".pane-empty").TextContent);
        Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "blazorChat.followPane");
    }

    [Fact]
    public async Task ConsecutiveMessagesFromOneSenderShareOneHeaderUntilAPauseOrARoomLine()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = RenderPane(ctx,
        [
            Said("Grace", Noon),
            Said("Grace", Noon.AddMinutes(1)),
            Said("Grace", Noon.AddMinutes(7)),
            Said("Bob", Noon.AddMinutes(8), origin: "c2"),
            new("", "lobby", "", "Ada joined", Noon.AddMinutes(8), MessageKind.Join),
            Said("Bob", Noon.AddMinutes(9), origin: "c2"),
        ]);

        Assert.Equal(["Grace", null, "Grace", "Bob", "Bob"], Headers(cut));
        var continued = cut.FindAll("[data-testid=message][data-kind=message]")[1];
        Assert.Contains("continued", continued.ClassList);
        Assert.Equal("12:06", continued.QuerySelector(".aside-time")!.TextContent);
        Assert.Equal("Grace:", continued.QuerySelector(".visually-hidden")!.TextContent);
        Assert.Equal("Grace at 12:06", continued.QuerySelector(".text")!.TextContent);
    }

    [Fact]
    public async Task ANameAloneDoesNotMakeAGroupButAnAccountIsOnePersonAcrossItsTabs()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = RenderPane(ctx,
        [
            Said("Grace", Noon, origin: "c1"),
            Said("Grace", Noon.AddMinutes(1), origin: "c2"),
            Said("ada", Noon.AddMinutes(2), origin: "tab1", user: "ada"),
            Said("ada", Noon.AddMinutes(3), origin: "tab2", user: "ada"),
            Said("ada", Noon.AddMinutes(4), origin: "c3"),
        ]);

        Assert.Equal(["Grace", "Grace", "ada", null, "ada"], Headers(cut));
    }

    [Fact]
    public async Task OnesOwnRunIsOneGroupUnderYou()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessagePane>(p => p
            .Add(x => x.Messages, [Said("Ada", Noon), Said("Ada", Noon.AddMinutes(1))])
            .Add(x => x.IsOwn, _ => true));

        Assert.Equal(["You", null], Headers(cut));
        Assert.All(cut.FindAll(".message-row"), row => Assert.Contains("own", row.ClassList));
    }

    [Fact]
    public async Task DayDividersNameTodayYesterdayAndEarlierDaysInTheReadersTime()
    {
        var now = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await using var ctx = ChatTestContext.Create(s => s.AddSingleton<TimeProvider>(now));
        var cut = RenderPane(ctx,
        [
            Said("Grace", new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)),
            // 23:58 and 00:01 for a reader at UTC+2: a day apart for them, though not in UTC.
            Said("Grace", new DateTimeOffset(2026, 12, 1, 21, 58, 0, TimeSpan.Zero)),
            Said("Grace", new DateTimeOffset(2026, 12, 1, 22, 1, 0, TimeSpan.Zero)),
        ], utcOffset: TimeSpan.FromHours(2));

        var dividers = cut.FindAll("[data-testid=day-divider]");
        Assert.Equal(["Monday 30 November 2026", "Yesterday", "Today"], dividers.Select(d => d.TextContent));
        Assert.All(dividers, d => Assert.Equal(("separator", d.TextContent), (d.GetAttribute("role"), d.GetAttribute("aria-label"))));
        // Each divider stands right before its day's first message, and a new day names the sender again.
        Assert.All(dividers, d => Assert.Equal("message", d.NextElementSibling!.GetAttribute("data-testid")));
        Assert.Equal(["Grace", "Grace", "Grace"], Headers(cut));
    }

    [Fact]
    public async Task RowsCarryTheirMessageIdAndLinesWithoutOneDoNot()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = RenderPane(ctx,
        [
            Said("Grace", Noon, id: "1733000000000-0"),
            new("", "lobby", "", "Ada joined", Noon, MessageKind.Join),
            new("42", "lobby", "", "maintenance at noon", Noon, MessageKind.System),
        ]);

        var rows = cut.FindAll("[data-testid=message]");
        Assert.Equal("1733000000000-0", rows[0].GetAttribute("data-message-id"));
        Assert.False(rows[1].HasAttribute("data-message-id"));
        Assert.Equal("42", rows[2].GetAttribute("data-message-id"));
    }

    [Fact]
    public async Task LinksAreDescribedByThePanesOneNewTabNote()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = RenderPane(ctx, [Message("Grace", "notes: https://example.com/notes")]);

        var link = cut.Find("[data-testid=message] .text a");
        var note = cut.Find("#" + link.GetAttribute("aria-describedby"));
        Assert.Equal("Opens in a new tab", note.TextContent);
        Assert.True(note.HasAttribute("hidden"));
        Assert.Equal("notes: https://example.com/notes", cut.Find(".text").TextContent);
    }

    [Fact]
    public async Task TheTopOffersOlderMessagesOnlyWhileTheRoomMayKeepSome()
    {
        await using var ctx = ChatTestContext.Create();
        int asked = 0;
        var cut = ctx.Render<MessagePane>(p => p
            .Add(x => x.Messages, [Said("Grace", Noon, id: "1733000000000-0")])
            .Add(x => x.HasOlder, true)
            .Add(x => x.OnLoadOlder, () => asked++));

        cut.Find("[data-testid=load-older]").Click();
        Assert.Equal(1, asked);
        // The reader's place is kept while the rows go in above it.
        Assert.Single(ctx.JSInterop.Invocations, call => call.Identifier == "blazorChat.keepPlace");

        cut.Render(p => p.Add(x => x.HasOlder, false));
        Assert.Empty(cut.FindAll("[data-testid=load-older]"));
    }

    [Fact]
    public async Task WhileNewerMessagesAreHeldBackTheJumpSaysHowManyAndBringsThem()
    {
        await using var ctx = ChatTestContext.Create();
        int jumps = 0;
        var cut = ctx.Render<MessagePane>(p => p
            .Add(x => x.Messages, [Said("Grace", Noon)])
            .Add(x => x.NewerNotShown, 3)
            .Add(x => x.OnJumpToNewest, () => jumps++));

        var jump = cut.Find("[data-testid=jump-to-new]");
        Assert.Contains("3 newer messages", jump.TextContent);
        Assert.Contains("held-back", jump.ClassList);
        jump.Click();
        Assert.Equal(1, jumps);

        // Following the room, the jump only scrolls (the page's script does that).
        cut.Render(p => p.Add(x => x.NewerNotShown, 0));
        cut.Find("[data-testid=jump-to-new]").Click();
        Assert.Equal(1, jumps);
        Assert.DoesNotContain("held-back", cut.Find("[data-testid=jump-to-new]").ClassList);
    }

    [Fact]
    public async Task OnlyTheReadersOwnRowsOfferChangesUnlessTheReaderModerates()
    {
        await using var ctx = ChatTestContext.Create();
        var rows = new[] { Said("Grace", Noon, origin: "mine", id: "1-0"), Said("Bob", Noon.AddMinutes(10), origin: "theirs", id: "2-0") };
        var cut = ctx.Render<MessagePane>(p => p
            .Add(x => x.Messages, rows)
            .Add(x => x.IsOwn, message => message.Origin == "mine")
            .Add(x => x.OnEdit, _ => { })
            .Add(x => x.OnDelete, _ => { }));

        Assert.Equal(["Delete your message"], cut.FindAll("[data-testid=message-delete]").Select(button => button.GetAttribute("aria-label")));

        cut.Render(p => p.Add(x => x.Moderates, true));
        Assert.Equal(["Delete your message", "Delete Bob's message"], cut.FindAll("[data-testid=message-delete]").Select(button => button.GetAttribute("aria-label")));
        Assert.Equal(2, cut.FindAll("[data-testid=message-edit]").Count);
    }
}
