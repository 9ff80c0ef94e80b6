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
        Assert.Same(one.Value, other.Value);

        // The sender's own page, or a reader in another time zone, sees it otherwise.
        Assert.Contains("You", MessageRowMarkup.For(message, own: true, continues: false, actions: false, TimeSpan.Zero, ReaderNames.None).Value);
        Assert.Contains(">13:05<", MessageRowMarkup.For(message, own: false, continues: false, actions: false, TimeSpan.FromHours(1), ReaderNames.None).Value);
    }

    [Fact]
    public async Task TheSendersNameAndTheTextAreShownAsTextNeverAsMarkup()
    {
        await using var ctx = new BunitContext();
        var message = Message("<img src=x onerror=alert(1)>", "<script>alert(1)</script> & <b>bold</b>");
        var row = MessageRowMarkup.For(message, own: false, continues: false, actions: false, TimeSpan.Zero, ReaderNames.None);

        var cut = ctx.Render(builder => builder.AddContent(0, row));
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
        Assert.Contains("<span class=\"mention mention-me\" data-testid=\"mention\">@ada</span>", ada.Value);
        Assert.Contains("<span class=\"mention mention-me\" data-testid=\"mention\">@bob</span>", bob.Value);
        Assert.Contains("Mentions you.", ada.Value);
        Assert.NotSame(ada.Value, bob.Value);
    }

    [Fact]
    public void AMessageKeepsAFewWaysOfSeeingItAndBuildsTheRestForTheirPageAlone()
    {
        var message = Message("grace", "hello");
        var offsets = Enumerable.Range(0, MessageRowMarkup.MaxVariants + 1).Select(h => TimeSpan.FromHours(h)).ToArray();
        string Row(TimeSpan offset) => MessageRowMarkup.For(message, own: false, continues: true, actions: false, offset, ReaderNames.None).Value;
        var first = offsets.Select(Row).ToArray();

        Assert.Same(first[0], Row(offsets[0]));
        Assert.Same(first[MessageRowMarkup.MaxVariants - 1], Row(offsets[MessageRowMarkup.MaxVariants - 1]));
        // One way too many: built afresh each time, the same markup, nothing more kept.
        Assert.NotSame(first[^1], Row(offsets[^1]));
        Assert.Equal(first[^1], Row(offsets[^1]));
    }

    [Fact]
    public void TheRowBeingEditedShowsTheHeaderAndTimeOfTheRowItReplaces()
    {
        var message = Message("grace", "hello");

        foreach (bool continues in new[] { false, true })
        {
            string row = MessageRowMarkup.For(message, own: false, continues, actions: false, TimeSpan.FromHours(1), ReaderNames.None).Value;
            var edited = MessageRowMarkup.ForEditing(message, own: false, continues, TimeSpan.FromHours(1), ReaderNames.None);
            Assert.Contains(edited.Header.Value, row);
            Assert.Contains(edited.Aside.Value, row);
        }

        Assert.Contains(">13:05<", MessageRowMarkup.ForEditing(message, own: false, continues: true, TimeSpan.FromHours(1), ReaderNames.None).Aside.Value);
        Assert.Contains("You", MessageRowMarkup.ForEditing(message, own: true, continues: false, TimeSpan.Zero, ReaderNames.None).Header.Value);
    }
}
