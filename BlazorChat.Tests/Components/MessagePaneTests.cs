using BlazorChat.Chat;
using BlazorChat.Components.Chat;
using Bunit;

namespace BlazorChat.Tests.Components;

public sealed class MessagePaneTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 5, 0, TimeSpan.Zero);

    private static ChatMessage Message(string sender, string text, MessageKind kind = MessageKind.Message) =>
        new("1", "lobby", sender, text, Noon, kind);

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
}
