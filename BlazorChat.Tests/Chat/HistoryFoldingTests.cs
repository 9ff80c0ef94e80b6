using BlazorChat.Chat;

namespace BlazorChat.Tests.Chat;

public sealed class HistoryFoldingTests
{
    private static readonly DateTimeOffset Ts = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ChatMessage Said(string id, string text) => new(id, "room", "ada", text, Ts, MessageKind.Message, user: "ada");

    private static ChatMessage Change(string id, MessageKind kind, string target, string text = "") => new(id, "room", "ada", text, Ts, kind, user: "ada", target: target);

    [Fact]
    public void ChangesToMessagesInTheReadAreFoldedIntoThemAndTheOthersStayForTheClientToApply()
    {
        var history = new RoomHistory(
        [
            Said("2", "helo"),
            Said("3", "second"),
            Change("4", MessageKind.Edit, "2", "hello"),
            Change("5", MessageKind.Delete, "3"),
            Change("6", MessageKind.Edit, "1", "before the read"),
        ], Recovered: true);

        var folded = history.Folded().Messages;

        Assert.Equal(["2", "3", "6"], folded.Select(m => m.Id));
        Assert.Equal(("hello", true, MessageKind.Message, "ada"), (folded[0].Text, folded[0].Edited, folded[0].Kind, folded[0].User));
        Assert.Equal(("", true), (folded[1].Text, folded[1].Deleted));
        Assert.Equal(MessageKind.Edit, folded[2].Kind);
    }

    [Fact]
    public void ADeletionIsFinalAndTheLastEditWins()
    {
        var history = new RoomHistory(
        [
            Said("1", "a"),
            Said("2", "b"),
            Change("3", MessageKind.Edit, "1", "a1"),
            Change("4", MessageKind.Edit, "1", "a2"),
            Change("5", MessageKind.Delete, "2"),
            Change("6", MessageKind.Edit, "2", "back from the dead"),
        ], Recovered: true);

        var folded = history.Folded().Messages;

        Assert.Equal(["a2", ""], folded.Select(m => m.Text));
        Assert.Null(folded[1].Edited);
        Assert.True(folded[1].Deleted);
    }

    [Fact]
    public void AHistoryWithoutChangesIsReturnedAsItIs()
    {
        var history = new RoomHistory([Said("1", "a")], Recovered: false);

        Assert.Same(history, history.Folded());
    }
}
