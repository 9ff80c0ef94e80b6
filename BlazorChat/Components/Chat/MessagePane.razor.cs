using BlazorChat.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BlazorChat.Components.Chat;

/// <summary>
/// The pane's rows, written in code rather than markup so that each row can carry the sequence
/// number <see cref="RowNumbers"/> gives it. Each row has three: for the divider of its day, for
/// the unread divider, and for the row itself. With a number of its own, a row added, read back
/// or dropped is inserted or removed by the diff, and a row whose message changed is updated in
/// place, where rows under one loop's sequence number would each be compared with whichever row
/// came to stand at their place. The numbers do what a key would without an element to carry it:
/// a row is one frame in each render tree, where an element around it made it two.
/// </summary>
public sealed partial class MessagePane
{
    private static readonly MarkupString UnreadDivider = new(
        "<div class=\"unread-divider\" data-testid=\"unread-divider\" role=\"separator\" aria-label=\"Unread since you left\"><span>Unread since you left</span></div>");

    private readonly RowNumbers _numbers = new();
    private readonly RenderFragment _rows;

    public MessagePane() => _rows = RenderRows;

    // ASP0006 warns that computed sequence numbers make the diff compare the wrong frames: true of
    // numbers that change between renders (a counter), not of these, which stay with their rows.
#pragma warning disable ASP0006
    private void RenderRows(RenderTreeBuilder builder)
    {
        var today = DateOnly.FromDateTime(Time.GetUtcNow().ToOffset(UtcOffset).DateTime);
        var firstUnread = FirstUnread();
        int first = _numbers.Number(Messages);
        for (int i = 0; i < Messages.Count; i++)
        {
            var message = Messages[i];
            var previous = i > 0 ? Messages[i - 1] : null;
            int sequence = 3 * (first + i);
            if (MessageGrouping.StartsDay(previous, message, UtcOffset))
            {
                builder.AddMarkupContent(sequence, DayDivider(MessageGrouping.DayLabel(MessageGrouping.LocalDay(message, UtcOffset), today)));
            }

            if (message == firstUnread)
            {
                builder.AddMarkupContent(sequence + 1, UnreadDivider.Value);
            }

            if (message.Kind != MessageKind.Message)
            {
                builder.AddMarkupContent(sequence + 2, MessageRowMarkup.ForRoomLine(message, UtcOffset).Value);
            }
            else if (_editing == message.Id && message.Change != MessageChange.Deleted)
            {
                builder.OpenComponent<MessageEditor>(sequence + 2);
                builder.AddComponentParameter(0, nameof(MessageEditor.Message), message);
                builder.AddComponentParameter(1, nameof(MessageEditor.Own), IsOwn(message));
                builder.AddComponentParameter(2, nameof(MessageEditor.Continues), MessageGrouping.Continues(previous, message, UtcOffset));
                builder.AddComponentParameter(3, nameof(MessageEditor.Reader), Reader);
                builder.AddComponentParameter(4, nameof(MessageEditor.UtcOffset), UtcOffset);
                builder.AddComponentParameter(5, nameof(MessageEditor.OnSave), EventCallback.Factory.Create<string>(this, text => OnEdit.InvokeAsync((message, text))));
                builder.AddComponentParameter(6, nameof(MessageEditor.OnDone), EventCallback.Factory.Create(this, StopEditing));
                builder.CloseComponent();
            }
            else
            {
                var row = MessageRowMarkup.For(message, IsOwn(message), MessageGrouping.Continues(previous, message, UtcOffset), OffersActions(message), UtcOffset, Reader);
                builder.AddMarkupContent(sequence + 2, row.Value);
            }
        }
    }

#pragma warning restore ASP0006

    private static string DayDivider(string day)
    {
        string label = MessageBody.Encoder.Encode(day);
        return $"<div class=\"day-divider\" data-testid=\"day-divider\" role=\"separator\" aria-label=\"{label}\"><span>{label}</span></div>";
    }
}
