using BlazorChat.Chat;

namespace BlazorChat.Tests.Sidebar;

public sealed class MentionsTests
{
    [Theory]
    [InlineData("hello @ada", new[] { "ada" })]
    [InlineData("@ada, @bob.", new[] { "ada", "bob" })]
    [InlineData("@grace.hopper- and @x_y", new[] { "grace.hopper", "x_y" })]
    [InlineData("mail ada@example.com or @ @@", new string[0])]
    [InlineData("(@Café_日本)", new[] { "Café_日本" })]
    public void FindsTheNamesAfterAnAtSignThatStartsAWord(string text, string[] names) => Assert.Equal(names, Mentions.NamesIn(text));

    [Fact]
    public void SplittingKeepsEveryCharacterInOrder()
    {
        const string text = "a @b c@d @e.";
        var runs = Mentions.Split(text).ToList();

        Assert.Equal(text, string.Concat(runs.Select(r => r.Text)));
        Assert.Equal([null, "b", null, "e", null], runs.Select(r => r.Name));
    }

    [Theory]
    [InlineData("hi @ADA", true)]
    [InlineData("hi @ａｄａ", true)]
    [InlineData("hi @ada_l", true)]
    [InlineData("hi @adam", false)]
    [InlineData("hi ada", false)]
    public void TheReaderIsMentionedByDisplayNameOrUserNameAfterNormalisation(string text, bool mentioned) =>
        Assert.Equal(mentioned, new ReaderNames("Ada", "ada_l").AreMentionedIn(text));

    [Fact]
    public void NobodyIsMentionedWithoutNames() => Assert.False(ReaderNames.None.AreMentionedIn("@ada"));
}
