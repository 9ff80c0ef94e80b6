using BlazorChat.Chat;
using BlazorChat.Components.Chat;
using Bunit;

namespace BlazorChat.Tests.Components;

public sealed class MessageRowMarkupTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 5, 0, TimeSpan.Zero);

    private static ChatMessage Message(string sender, string text) => new("1", "lobby", sender, text, Noon, MessageKind.Message);

    [Fact]
    public void PagesThatSeeAMessageTheSameWayShareOnePieceOfMarkup()
    {
        var message = Message("grace", "see https://example.com");

        var one = MessageRowMarkup.For(message, own: false, continues: false, actions: false, TimeSpan.Zero, new ReaderNames("ada", null));
        var other = MessageRowMarkup.For(message, own: false, continues: false, actions: false, TimeSpan.Zero, new ReaderNames("bob", null));
        Assert.Same(one.Header.Value, other.Header.Value);
        Assert.Same(one.Bubble.Value, other.Bubble.Value);

        // The sender's own page, or a reader in another time zone, sees it otherwise.
        Assert.Contains("You", MessageRowMarkup.For(message, own: true, continues: false, actions: false, TimeSpan.Zero, ReaderNames.None).Header.Value);
        Assert.Contains(">13:05<", MessageRowMarkup.For(message, own: false, continues: false, actions: false, TimeSpan.FromHours(1), ReaderNames.None).Header.Value);
    }

    [Fact]
    public async Task TheSendersNameAndTheTextAreShownAsTextNeverAsMarkup()
    {
        await using var ctx = new BunitContext();
        var message = Message("<img src=x onerror=alert(1)>", "<script>alert(1)</script> & <b>bold</b>");
        var row = MessageRowMarkup.For(message, own: false, continues: false, actions: false, TimeSpan.Zero, ReaderNames.None);

        var cut = ctx.Render(builder => builder.AddContent(0, row.Bubble));
        Assert.Empty(cut.FindAll("img, script, b"));
        Assert.Equal(message.Sender, cut.Find(".sender").TextContent);
        Assert.Equal(message.Text, cut.Find(".text").TextContent);
    }

    [Fact]
    public void AMessageWithAMentionIsBuiltForEachReaderWithTheirOwnMentionMarked()
    {
        var message = Message("grace", "@ada and @bob, look");

        var ada = MessageRowMarkup.For(message, own: false, continues: false, actions: false, TimeSpan.Zero, new ReaderNames("ada", null));
        var bob = MessageRowMarkup.For(message, own: false, continues: false, actions: false, TimeSpan.Zero, new ReaderNames("bob", null));
        Assert.Contains("<span class=\"mention mention-me\" data-testid=\"mention\">@ada</span>", ada.Bubble.Value);
        Assert.Contains("<span class=\"mention mention-me\" data-testid=\"mention\">@bob</span>", bob.Bubble.Value);
        Assert.Contains("Mentions you.", ada.Header.Value);
        Assert.NotSame(ada.Bubble.Value, bob.Bubble.Value);
    }

    [Fact]
    public void AMessageKeepsAFewWaysOfSeeingItAndBuildsTheRestForTheirPageAlone()
    {
        var message = Message("grace", "hello");
        var offsets = Enumerable.Range(0, MessageRowMarkup.MaxVariants + 1).Select(h => TimeSpan.FromHours(h)).ToArray();
        string Aside(TimeSpan offset) => MessageRowMarkup.For(message, own: false, continues: true, actions: false, offset, ReaderNames.None).Aside.Value;
        var first = offsets.Select(Aside).ToArray();

        Assert.Same(first[0], Aside(offsets[0]));
        Assert.Same(first[MessageRowMarkup.MaxVariants - 1], Aside(offsets[MessageRowMarkup.MaxVariants - 1]));
        // One way too many: built afresh each time, the same markup, nothing more kept.
        Assert.NotSame(first[^1], Aside(offsets[^1]));
        Assert.Equal(first[^1], Aside(offsets[^1]));
    }
}
