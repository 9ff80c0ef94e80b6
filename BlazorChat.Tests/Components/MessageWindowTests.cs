using BlazorChat.Chat;
using BlazorChat.Components.Chat;

namespace BlazorChat.Tests.Components;

public sealed class MessageWindowTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static ChatMessage Said(int n) => new($"{1000 + n}-0", "lobby", "Ada", $"line {n}", Noon.AddSeconds(n), MessageKind.Message);

    private static IEnumerable<string> Texts(MessageWindow window) => window.Rows.Select(row => row.Text);

    [Fact]
    public void FollowingTheRoomKeepsTheNewestRowsUpToItsCapacity()
    {
        var window = new MessageWindow(capacity: 3);
        foreach (int n in Enumerable.Range(0, 5))
        {
            window.Add(Said(n));
        }

        Assert.Equal(["line 2", "line 3", "line 4"], Texts(window));
        Assert.True(window.Following);
        Assert.True(window.HasOlder);
        Assert.Equal(Said(2).OrderId, window.OldestId);
    }

    [Fact]
    public void ReadingBackPrependsAPageAndAShortPageIsTheStartOfTheRoom()
    {
        var window = new MessageWindow(capacity: 10);
        window.Add(Said(5));
        window.Add(Said(6));

        window.Prepend([Said(3), Said(4)], requested: 2);
        Assert.Equal(["line 3", "line 4", "line 5", "line 6"], Texts(window));
        Assert.True(window.HasOlder);

        window.Prepend([Said(2)], requested: 2);
        Assert.Equal("line 2", window.Rows[0].Text);
        Assert.False(window.HasOlder);
    }

    [Fact]
    public void ReadingFarBackDropsTheNewestAndCountsWhatComesUntilTheJumpBack()
    {
        var window = new MessageWindow(capacity: 4);
        window.Add(Said(8));
        window.Add(Said(9));
        window.Prepend([Said(5), Said(6), Said(7)], requested: 3);

        Assert.Equal(["line 5", "line 6", "line 7", "line 8"], Texts(window));
        Assert.False(window.Following);

        window.BeginShowingNewest();
        window.Add(Said(10));
        window.Add(Said(11));
        window.Add(new ChatMessage("", "lobby", "", "Bob joined", Noon, MessageKind.Join));
        Assert.Equal(2, window.NewerNotShown);
        Assert.Equal(4, window.Rows.Count);

        // The newest read back from history end at 10; 11 and the join came while they were read.
        window.ShowNewest([Said(8), Said(9), Said(10)]);
        // The newest come back, as many as the window holds.
        Assert.Equal(["line 9", "line 10", "line 11", "Bob joined"], Texts(window));
        Assert.True(window.Following);
        Assert.Equal(0, window.NewerNotShown);
    }

    [Fact]
    public void AChangeReachesTheRowItNamesAndNothingElse()
    {
        var window = new MessageWindow(capacity: 4);
        window.Add(Said(1));
        var edit = new ChatMessage("1002-0", "lobby", "Ada", "line one", Noon, MessageKind.Edit, target: Said(1).Id);

        Assert.True(window.Change(edit));
        Assert.Equal(MessageChange.Edited, window.Rows[0].Change);
        Assert.False(window.Change(new ChatMessage("1003-0", "lobby", "Ada", "x", Noon, MessageKind.Edit, target: "999-0")));
    }

    [Fact]
    public void AWindowOfOnlySystemLinesHasNothingOlderToAskFor()
    {
        var window = new MessageWindow(capacity: 4);
        window.Add(new ChatMessage("", "lobby", "", "[connected]", Noon, MessageKind.System));

        Assert.False(window.HasOlder);
    }
}
