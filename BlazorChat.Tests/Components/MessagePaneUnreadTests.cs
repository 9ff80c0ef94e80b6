using BlazorChat.Chat;
using BlazorChat.Components.Chat;
using Bunit;

namespace BlazorChat.Tests.Components;

/// <summary>The pane's unread divider and its marking of mentions.</summary>
public sealed class MessagePaneUnreadTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 5, 0, TimeSpan.Zero);

    private static ChatMessage Said(string id, string sender, string text, MessageKind kind = MessageKind.Message) =>
        new(id, "lobby", sender, text, Noon, kind, origin: sender);

    [Fact]
    public async Task TheDividerStandsBeforeTheFirstMessageFromSomeoneElseNewerThanTheLastReadOne()
    {
        await using var ctx = ChatTestContext.Create();
        ChatMessage[] messages =
        [
            Said("4", "Grace", "read"), Said("5", "Ada", "mine, sent elsewhere"), Said("", "", "[connected]", MessageKind.System),
            Said("6", "Grace", "new"), Said("7", "Bob", "newer"),
        ];

        var cut = ctx.Render<MessagePane>(p => p.Add(x => x.Messages, messages).Add(x => x.IsOwn, m => m.Sender == "Ada")
            .Add(x => x.UnreadAfter, new MessageId(4, 0)));

        var divider = Assert.Single(cut.FindAll("[data-testid=unread-divider]"));
        Assert.Equal("separator", divider.GetAttribute("role"));
        Assert.Equal("6", divider.NextElementSibling!.GetAttribute("data-message-id"));
    }

    [Fact]
    public async Task NoDividerWithoutAPlaceLeftOffOrWithNothingNewer()
    {
        await using var ctx = ChatTestContext.Create();
        ChatMessage[] messages = [Said("4", "Grace", "read"), Said("5", "Bob", "read too")];

        var never = ctx.Render<MessagePane>(p => p.Add(x => x.Messages, messages));
        var upToDate = ctx.Render<MessagePane>(p => p.Add(x => x.Messages, messages).Add(x => x.UnreadAfter, new MessageId(5, 0)));

        Assert.Empty(never.FindAll("[data-testid=unread-divider]"));
        Assert.Empty(upToDate.FindAll("[data-testid=unread-divider]"));
    }

    [Fact]
    public async Task AMentionOfTheReaderMarksTheRowAndEveryMentionIsHighlightedAsText()
    {
        await using var ctx = ChatTestContext.Create();
        ChatMessage[] messages =
        [
            Said("1", "Grace", "hi @ａｄａ, see @bob"), Said("2", "Grace", "hi @bob"), Said("3", "Ada", "I am @ada"),
            Said("4", "Grace", "@<b>ada</b>"),
        ];

        var cut = ctx.Render<MessagePane>(p => p.Add(x => x.Messages, messages).Add(x => x.IsOwn, m => m.Sender == "Ada")
            .Add(x => x.Reader, new ReaderNames("Ada", null)));

        var rows = cut.FindAll("[data-testid=message]");
        Assert.Equal(["true", null, null, null], rows.Select(r => r.GetAttribute("data-mention")));
        Assert.Contains("mentioned", rows[0].ClassList);
        Assert.Equal(["@ａｄａ", "@bob"], rows[0].QuerySelectorAll("[data-testid=mention]").Select(m => m.TextContent));
        Assert.Equal(["mention-me"], rows[0].QuerySelectorAll(".mention-me").Select(m => m.ClassList.Last()));
        Assert.Contains("Mentions you.", rows[0].TextContent);
        // Markup after an @ is no name, and stays text.
        Assert.Empty(rows[3].QuerySelectorAll("b"));
        Assert.Equal("@<b>ada</b>", rows[3].QuerySelector(".text")!.TextContent);
    }
}
