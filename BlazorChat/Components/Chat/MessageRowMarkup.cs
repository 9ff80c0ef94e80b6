using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BlazorChat.Chat;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// What a row of the pane shows of its message, as markup: who said it and when, and the text
/// (<see cref="MessageBody"/>). Built once per message and way of seeing it (the reader's own or
/// not, under the previous one's header or not, the reader's UTC offset) and shared by every page
/// that shows the message, so that an open tab holds one frame per part of a row, referring to
/// text that all tabs share, where rows of elements cost each tab some twenty frames per row in
/// each of its two render trees.
/// </summary>
/// <remarks>
/// A message with an @ in it is built for its page alone and not kept: whose mention stands out is
/// each reader's own. Each message keeps at most <see cref="MaxVariants"/> ways of seeing it (its
/// readers in a handful of time zones); more are built for their page alone.
/// </remarks>
internal static class MessageRowMarkup
{
    public const int MaxVariants = 8;

    /// <param name="Bubble">The row's bubble, header and text in one piece (a room line's text and time): what the row shows unless it is being edited.</param>
    /// <param name="Header">Who and when, shown above the edit box; under a previous one's header, the name for screen readers only.</param>
    /// <param name="Aside">The time beside a row under a previous one's header; empty otherwise.</param>
    public readonly record struct Row(MarkupString Bubble, MarkupString Header, MarkupString Aside);

    private readonly record struct Variant(bool Own, bool Continues, TimeSpan UtcOffset);

    // Lives as long as the message does: the rooms' history and the pages' rows keep it.
    private static readonly ConditionalWeakTable<ChatMessage, List<(Variant Variant, Row Row)>> Shared = new();

    public static Row For(ChatMessage message, bool own, bool continues, TimeSpan utcOffset, ReaderNames reader)
    {
        var variant = new Variant(own, continues, utcOffset);
        if (message.Text.Contains(Mentions.Sign))
        {
            return Build(message, variant, reader);
        }

        var variants = Shared.GetOrCreateValue(message);
        lock (variants)
        {
            foreach (var (kept, row) in variants)
            {
                if (kept == variant)
                {
                    return row;
                }
            }

            var built = Build(message, variant, ReaderNames.None);
            if (variants.Count < MaxVariants)
            {
                variants.Add((variant, built));
            }

            return built;
        }
    }

    /// <summary>A room line (someone came or went, the connection's notices): its text and time.</summary>
    public static MarkupString ForRoomLine(ChatMessage message, TimeSpan utcOffset) =>
        For(message, own: false, continues: false, utcOffset, ReaderNames.None).Bubble;

    private static Row Build(ChatMessage message, Variant variant, ReaderNames reader)
    {
        string Time(string classes) =>
            $"<time class=\"{classes}\" datetime=\"{message.Ts.ToString("O", CultureInfo.InvariantCulture)}\">{message.Ts.ToOffset(variant.UtcOffset).ToString("HH:mm", CultureInfo.InvariantCulture)}</time>";

        if (message.Kind != MessageKind.Message)
        {
            string line = $"<span class=\"system-text\">{MessageBody.Encoder.Encode(message.Text)}</span>" + Time("time");
            return new Row(new MarkupString(line), default, default);
        }

        string name = MessageBody.Encoder.Encode(variant.Own ? "You" : message.Sender);
        var header = new StringBuilder();
        if (!variant.Own && reader.AreMentionedIn(message.Text))
        {
            header.Append("<span class=\"visually-hidden\">Mentions you.</span>");
        }

        header.Append(variant.Continues
            ? $"<span class=\"visually-hidden\">{name}:</span>"
            : $"<div class=\"meta\"><span class=\"sender\">{name}</span>{Time("time")}</div>");

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

        string aside = variant.Continues ? Time("time aside-time") : "";
        string headerHtml = header.ToString();
        return new Row(new MarkupString($"<div class=\"bubble\">{headerHtml}{body}</div>"), new MarkupString(headerHtml), new MarkupString(aside));
    }
}
