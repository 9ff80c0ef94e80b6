using BlazorChat.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A message's text with its web links made clickable (<see cref="MessageLinks"/> finds them) and
/// its @mentions marked (<see cref="Mentions"/> finds them; one of the reader stands out). Every
/// run, link, mention or plain, is rendered as text, which Blazor escapes: no markup is ever made
/// from what someone typed. A link opens in a new tab, so the conversation stays where it was; rel
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

    /// <param name="reader">Whose mentions stand out: the reader's names.</param>
    public static RenderFragment For(string text, ReaderNames reader) => builder =>
    {
        foreach (var (run, link) in MessageLinks.Split(text))
        {
            if (link is null)
            {
                AddMentions(builder, run, reader);
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

    private static void AddMentions(RenderTreeBuilder builder, string text, ReaderNames reader)
    {
        foreach (var (run, name) in Mentions.Split(text))
        {
            if (name is null)
            {
                builder.AddContent(10, run);
                continue;
            }

            builder.OpenElement(11, "span");
            builder.AddAttribute(12, "class", reader.IsReader(name) ? "mention mention-me" : "mention");
            builder.AddAttribute(13, "data-testid", "mention");
            builder.AddContent(14, run);
            builder.CloseElement();
        }
    }
}
