using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using BlazorChat.Chat;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A message's text as markup, with its web links made clickable (<see cref="MessageLinks"/> finds
/// them) and its @mentions marked (<see cref="Mentions"/> finds them; one of the reader stands
/// out). Every run, link, mention or plain, goes through the HTML encoder, in text and in the
/// link's address alike: no markup is ever made from what someone typed. A link opens in a new
/// tab, so the conversation stays where it was; rel keeps the opened page from reaching back into
/// this one (noopener), learning where it came from (noreferrer), or gaining search rank from a
/// chat room (nofollow).
/// </summary>
/// <remarks>
/// Markup rather than render-tree frames so that a row's text is one frame that every page
/// showing the message shares (<see cref="MessageRowMarkup"/>), not a dozen frames in each.
/// </remarks>
internal static class MessageBody
{
    /// <summary>
    /// The id of the pane's one hidden "Opens in a new tab" note, which screen readers read after
    /// each link's text: one note per page rather than words added to every message.
    /// </summary>
    internal const string NewTabHintId = "link-opens-in-new-tab";

    /// <summary>Encodes what HTML gives a meaning to (&lt;, &amp;, quotes), and leaves every other letter as it is.</summary>
    internal static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The text as its own fragment (what the pane's rows hold, as markup).</summary>
    public static RenderFragment For(string text, ReaderNames reader) => builder =>
    {
        var html = new StringBuilder();
        Append(html, text, reader);
        builder.AddMarkupContent(0, html.ToString());
    };

    /// <param name="reader">Whose mentions stand out: the reader's names.</param>
    public static void Append(StringBuilder html, string text, ReaderNames reader)
    {
        foreach (var (run, link) in MessageLinks.Split(text))
        {
            if (link is null)
            {
                AppendMentions(html, run, reader);
                continue;
            }

            html.Append("<a href=\"").Append(Encoder.Encode(link.AbsoluteUri))
                .Append("\" target=\"_blank\" rel=\"noopener noreferrer nofollow\" aria-describedby=\"").Append(NewTabHintId).Append("\">")
                .Append(Encoder.Encode(run)).Append("</a>");
        }
    }

    private static void AppendMentions(StringBuilder html, string text, ReaderNames reader)
    {
        foreach (var (run, name) in Mentions.Split(text))
        {
            if (name is null)
            {
                html.Append(Encoder.Encode(run));
                continue;
            }

            html.Append(reader.IsReader(name) ? "<span class=\"mention mention-me\" data-testid=\"mention\">" : "<span class=\"mention\" data-testid=\"mention\">")
                .Append(Encoder.Encode(run)).Append("</span>");
        }
    }
}
