using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A message's text with its web links made clickable (<see cref="MessageLinks"/> finds them).
/// Every run, link or not, is rendered as text, which Blazor escapes: no markup is ever made from
/// what someone typed. A link opens in a new tab, so the conversation stays where it was; rel
/// keeps the opened page from reaching back into this one (noopener), learning where it came from
/// (noreferrer), or gaining search rank from a chat room (nofollow).
/// </summary>
/// <remarks>
/// A fragment rendered into the pane's own tree, not a component: a component per message would
/// cost each open tab two render trees per row.
/// </remarks>
internal static class MessageBody
{
    /// <summary>
    /// The id of the pane's one hidden "Opens in a new tab" note, which screen readers read after
    /// each link's text: one note per page rather than words added to every message.
    /// </summary>
    internal const string NewTabHintId = "link-opens-in-new-tab";

    public static RenderFragment For(string text) => builder =>
    {
        foreach (var (run, link) in MessageLinks.Split(text))
        {
            if (link is null)
            {
                builder.AddContent(0, run);
                continue;
            }

            builder.OpenElement(1, "a");
            builder.AddAttribute(2, "href", link.AbsoluteUri);
            builder.AddAttribute(3, "target", "_blank");
            builder.AddAttribute(4, "rel", "noopener noreferrer nofollow");
            builder.AddAttribute(5, "aria-describedby", NewTabHintId);
            builder.AddContent(6, run);
            builder.CloseElement();
        }
    };
}
