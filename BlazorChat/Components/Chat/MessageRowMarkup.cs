using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BlazorChat.Chat;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A row of the pane as markup: the row's element with its test ids and classes, who said it and
/// when, the text (<see cref="MessageBody"/>) and, where the reader may change it, the edit and
/// delete buttons (their clicks are taken by the pane's script, for the row they stand in). Built
/// once per message and way of seeing it (the reader's own or not, under the previous one's header
/// or not, offering the buttons or not, the reader's UTC offset) and shared by every page that
/// shows the message, so that an open tab holds one frame per row, referring to text that all tabs
/// share, where rows of elements cost each tab some twenty frames per row in each of its two
/// render trees.
/// </summary>
/// <remarks>
/// A message with an @ in it is built for its page alone and not kept: whose mention stands out is
/// each reader's own. Each message keeps at most <see cref="MaxVariants"/> ways of seeing it (its
/// readers in a handful of time zones); more are built for their page alone. Only the whole row
/// is kept: what the row being edited shows around its box is built for it alone (<see cref="ForEditing"/>),
/// where keeping those parts too held most of each message's markup twice.
/// </remarks>
internal static class MessageRowMarkup
{
    public const int MaxVariants = 8;

    /// <summary>What the row being edited shows around its edit box, built for that row alone (one per page at most) and never kept.</summary>
    /// <param name="Header">Who and when, shown above the edit box; under a previous one's header, the name for screen readers only.</param>
    /// <param name="Aside">The time beside a row under a previous one's header; empty otherwise.</param>
    public readonly record struct EditedRow(MarkupString Header, MarkupString Aside);

    private readonly record struct Variant(bool Own, bool Continues, bool Actions, TimeSpan UtcOffset);

    /// <summary>
    /// A message's kept rows: the first in place, since most messages are seen one way (every
    /// reader in one time zone), and the others, up to <see cref="MaxVariants"/>, in a list made
    /// only when a second way comes.
    /// </summary>
    private sealed class Variants
    {
        private Variant _first;
        private MarkupString? _firstRow;
        private List<(Variant Variant, MarkupString Row)>? _others;

        public MarkupString? Find(Variant variant)
        {
            if (_firstRow is not null && _first == variant)
            {
                return _firstRow;
            }

            foreach (var (kept, row) in _others ?? [])
            {
                if (kept == variant)
                {
                    return row;
                }
            }

            return null;
        }

        /// <summary>Keeps <paramref name="row"/> while fewer than <see cref="MaxVariants"/> are kept; returns it either way.</summary>
        public MarkupString Keep(Variant variant, MarkupString row)
        {
            if (_firstRow is null)
            {
                (_first, _firstRow) = (variant, row);
            }
            else if ((_others?.Count ?? 0) < MaxVariants - 1)
            {
                (_others ??= []).Add((variant, row));
            }

            return row;
        }
    }

    // Lives as long as the message does: the rooms' history and the pages' rows keep it.
    private static readonly ConditionalWeakTable<ChatMessage, Variants> Shared = new();

    /// <summary>The whole row (a room line's text and time): what the pane shows unless the row is being edited.</summary>
    /// <param name="actions">Whether the row offers the reader its edit and delete buttons.</param>
    public static MarkupString For(ChatMessage message, bool own, bool continues, bool actions, TimeSpan utcOffset, ReaderNames reader)
    {
        var variant = new Variant(own, continues, actions, utcOffset);
        if (message.Text.Contains(Mentions.Sign))
        {
            return Build(message, variant, reader);
        }

        var variants = Shared.GetOrCreateValue(message);
        lock (variants)
        {
            return variants.Find(variant) ?? variants.Keep(variant, Build(message, variant, ReaderNames.None));
        }
    }

    /// <summary>A room line (someone came or went, the connection's notices): its text and time.</summary>
    public static MarkupString ForRoomLine(ChatMessage message, TimeSpan utcOffset) =>
        For(message, own: false, continues: false, actions: false, utcOffset, ReaderNames.None);

    /// <summary>The header and aside of a message's row while the reader edits it, as <see cref="For"/> shows them.</summary>
    public static EditedRow ForEditing(ChatMessage message, bool own, bool continues, TimeSpan utcOffset, ReaderNames reader)
    {
        var variant = new Variant(own, continues, Actions: false, utcOffset);
        return new EditedRow(new MarkupString(Header(message, variant, reader)), new MarkupString(Aside(message, variant)));
    }

    /// <summary>
    /// A message row element's attributes: what tests and the pane's script find a row by, and its
    /// classes (the reader's own, under the previous one's header, mentioning the reader). The
    /// shared markup writes them, and so does the row being edited, which is elements of its page's own.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, object>> MessageRowAttributes(ChatMessage message, bool own, bool continues, ReaderNames reader)
    {
        bool mentioned = reader.AreMentionedBy(message, own);
        string classes = (own, continues) switch
        {
            (false, false) => "message-row",
            (true, false) => "message-row own",
            (false, true) => "message-row continued",
            (true, true) => "message-row own continued",
        } + (mentioned ? " mentioned" : "");
        return RowAttributes(message, "message", classes, mentioned);
    }

    private static IEnumerable<KeyValuePair<string, object>> RowAttributes(ChatMessage message, string kind, string classes, bool mentioned)
    {
        yield return new("data-testid", "message");
        yield return new("data-kind", kind);
        if (message.Id.Length > 0)
        {
            yield return new("data-message-id", message.Id);
        }

        if (mentioned)
        {
            yield return new("data-mention", "true");
        }

        yield return new("class", classes);
    }

    private static string RowStart(IEnumerable<KeyValuePair<string, object>> attributes) =>
        $"<div{string.Concat(attributes.Select(a => $" {a.Key}=\"{MessageBody.Encoder.Encode((string)a.Value)}\""))}>";

    private static MarkupString Build(ChatMessage message, Variant variant, ReaderNames reader)
    {
        if (message.Kind != MessageKind.Message)
        {
            return new MarkupString(RowStart(RowAttributes(message, message.Kind.ToString().ToLowerInvariant(), "system-row", mentioned: false))
                + $"<span class=\"system-text\">{MessageBody.Encoder.Encode(message.Text)}</span>{Time(message, variant, "time")}</div>");
        }

        var body = new StringBuilder();
        if (message.Change == MessageChange.Deleted)
        {
            body.Append("<div class=\"text deleted\" data-testid=\"message-deleted\">Message deleted</div>");
        }
        else
        {
            body.Append("<div class=\"text\">");
            MessageBody.Append(body, message.Text, reader);
            if (message.Change == MessageChange.Edited)
            {
                body.Append("<span class=\"edited\" data-testid=\"message-edited\" title=\"Edited\"> (edited)</span>");
            }

            body.Append("</div>");
        }

        return new MarkupString(RowStart(MessageRowAttributes(message, variant.Own, variant.Continues, reader))
            + $"<div class=\"bubble\">{Header(message, variant, reader)}{body}</div>"
            + (variant.Actions ? Actions(message, variant.Own) : "") + Aside(message, variant) + "</div>");
    }

    private static string Time(ChatMessage message, Variant variant, string classes) =>
        $"<time class=\"{classes}\" datetime=\"{message.Ts.ToString("O", CultureInfo.InvariantCulture)}\">{message.Ts.ToOffset(variant.UtcOffset).ToString("HH:mm", CultureInfo.InvariantCulture)}</time>";

    private static string Header(ChatMessage message, Variant variant, ReaderNames reader)
    {
        string name = MessageBody.Encoder.Encode(variant.Own ? "You" : message.Sender);
        string mention = reader.AreMentionedBy(message, variant.Own) ? "<span class=\"visually-hidden\">Mentions you.</span>" : "";
        return mention + (variant.Continues
            ? $"<span class=\"visually-hidden\">{name}:</span>"
            : $"<div class=\"meta\"><span class=\"sender\">{name}</span>{Time(message, variant, "time")}</div>");
    }

    private static string Aside(ChatMessage message, Variant variant) => variant.Continues ? Time(message, variant, "time aside-time") : "";

    // The pane's script answers a click on [data-row-action] for the row it stands in.
    private static string Actions(ChatMessage message, bool own)
    {
        string whose = MessageBody.Encoder.Encode(own ? "your message" : $"{message.Sender}'s message");
        string Button(string action, string label, string testId, string icon) =>
            $"<button type=\"button\" class=\"mud-button-root mud-icon-button mud-icon-button-size-small\" aria-label=\"{label} {whose}\" data-testid=\"{testId}\" data-row-action=\"{action}\"><span class=\"mud-icon-button-label\">{SvgIcon.SmallMarkup(icon)}</span></button>";
        return "<div class=\"row-actions\">"
            + Button("edit", "Edit", "message-edit", MudBlazor.Icons.Material.Filled.Edit)
            + Button("delete", "Delete", "message-delete", MudBlazor.Icons.Material.Filled.Delete)
            + "</div>";
    }
}
