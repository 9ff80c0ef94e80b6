using BlazorChat.Chat;
using BlazorChat.Components.Chat;

namespace BlazorChat.Tests.Components;

public sealed class RowNumbersTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static ChatMessage[] Rows(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ChatMessage($"{i}", "lobby", "Ada", $"line {i}", Noon.AddSeconds(i), MessageKind.Message))];

    // Each row's number, as the pane uses it: the first row's plus the row's index.
    private static Dictionary<ChatMessage, int> Numbered(RowNumbers numbers, IReadOnlyList<ChatMessage> rows)
    {
        int first = numbers.Number(rows);
        return rows.Select((row, i) => (row, first + i)).ToDictionary(p => p.row, p => p.Item2);
    }

    [Fact]
    public void RowsAddedAtTheBottomOrDroppedFromTheTopKeepTheOthersNumbers()
    {
        var numbers = new RowNumbers();
        var all = Rows(6);
        var before = Numbered(numbers, all[..4]);

        var after = Numbered(numbers, all[2..6]);

        Assert.Equal(before[all[2]], after[all[2]]);
        Assert.Equal(before[all[3]], after[all[3]]);
        Assert.Equal(before[all[3]] + 1, after[all[4]]);
    }

    [Fact]
    public void RowsReadBackAboveTakeNumbersBelowTheFirst()
    {
        var numbers = new RowNumbers();
        var all = Rows(5);
        var before = Numbered(numbers, all[3..]);

        var after = Numbered(numbers, all);

        Assert.Equal(before[all[3]], after[all[3]]);
        Assert.Equal(before[all[3]] - 3, after[all[0]]);
    }

    [Fact]
    public void ALastRowChangedInPlaceKeepsItsNumber()
    {
        var numbers = new RowNumbers();
        var rows = Rows(3);
        var before = Numbered(numbers, rows);
        var edited = rows[2].ChangedBy(new ChatMessage("9", "lobby", "Ada", "fixed", Noon.AddMinutes(1), MessageKind.Edit, target: rows[2].Id));

        var after = Numbered(numbers, [rows[0], rows[1], edited]);

        Assert.Equal(before[rows[2]], after[edited]);
        Assert.Equal(before[rows[0]], after[rows[0]]);
    }

    [Fact]
    public void AnotherStretchTakesNumbersNeverUsedBefore()
    {
        var numbers = new RowNumbers();
        var used = Numbered(numbers, Rows(4)).Values.ToHashSet();

        var other = Numbered(numbers, Rows(3));

        Assert.DoesNotContain(other.Values, used.Contains);
    }
}
