using BlazorChat.Chat;

namespace BlazorChat.Components.Chat;

/// <summary>
/// Numbers the pane's rows so that a row keeps its number from one render to the next, and the
/// numbers increase down the pane: rows are added at the bottom, read back at the top, dropped
/// from either end and changed in place, never put between two others. The pane gives Blazor's
/// diff these numbers as the rows' sequence numbers, which then tells an added or dropped row
/// from a changed one as a key would, without an element per row to carry the key (an element
/// per row was a third of what an open tab's render trees held).
/// </summary>
/// <remarks>
/// Only the first and last rows of the last render are remembered. Numbers are contiguous, so
/// finding either of them again places every row; when neither is there (the pane shows another
/// stretch of the room, or another room), the rows take numbers never used before. A wrong guess
/// costs the diff, never the page: any numbering renders the same rows.
/// </remarks>
internal sealed class RowNumbers
{
    // Far from int's ends both ways: rows read back take numbers below the first.
    private const int Start = 1 << 28;
    private const int Limit = 1 << 29;

    private ChatMessage? _first;
    private ChatMessage? _last;
    private int _firstNumber;
    private int _lastNumber;
    private int _unused = Start;

    /// <summary>The number of <paramref name="rows"/>' first row (row <c>i</c> has that plus <c>i</c>), remembered for the next render.</summary>
    public int Number(IReadOnlyList<ChatMessage> rows)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        int first = Find(rows, _last, fromEnd: true) is int last ? _lastNumber - last
            : Find(rows, _first, fromEnd: false) is int kept ? _firstNumber - kept
            : _unused;
        // A page open for hundreds of millions of rows starts its numbers again, at the cost of one full diff.
        bool restart = (long)first + rows.Count >= Limit || first <= -Limit;
        if (restart)
        {
            first = Start;
        }

        (_first, _firstNumber, _last, _lastNumber) = (rows[0], first, rows[^1], first + rows.Count - 1);
        _unused = restart ? first + rows.Count : Math.Max(_unused, first + rows.Count);
        return first;
    }

    private static int? Find(IReadOnlyList<ChatMessage> rows, ChatMessage? row, bool fromEnd)
    {
        if (row is null)
        {
            return null;
        }

        for (int i = 0; i < rows.Count; i++)
        {
            int index = fromEnd ? rows.Count - 1 - i : i;
            if (ReferenceEquals(rows[index], row))
            {
                return index;
            }
        }

        return null;
    }
}
