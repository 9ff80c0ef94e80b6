using System.Globalization;
using System.Runtime.CompilerServices;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A row of the member list as one piece of markup: its test ids, the kind's icon, the name, the
/// number of connections when there are several, and since when (in the reader's time). As
/// elements a row was some twenty frames in each of a tab's two render trees, and a screenful of
/// them in every tab of a busy room; as markup it is one, and its text is built once for as long
/// as the page's list holds the member.
/// </summary>
internal static class MemberRowMarkup
{
    private sealed record Built(TimeSpan UtcOffset, MarkupString Row);

    private static readonly ConditionalWeakTable<RoomMember, Built> Rows = new();

    public static MarkupString For(RoomMember member, TimeSpan utcOffset)
    {
        if (Rows.TryGetValue(member, out var built) && built.UtcOffset == utcOffset)
        {
            return built.Row;
        }

        var row = new MarkupString(Build(member, utcOffset));
        Rows.AddOrUpdate(member, new Built(utcOffset, row));
        return row;
    }

    private static string Build(RoomMember member, TimeSpan utcOffset)
    {
        string name = MessageBody.Encoder.Encode(member.Name);
        string count = member.Connections > 1
            ? $"<span class=\"member-count\" title=\"{member.Connections} connections\">×{member.Connections}</span>"
            : "";
        string since = $"<time class=\"member-since\" datetime=\"{member.Since.ToString("O", CultureInfo.InvariantCulture)}\" title=\"In the room since\">"
            + $"{member.Since.ToOffset(utcOffset).ToString("HH:mm", CultureInfo.InvariantCulture)}</time>";
        return $"<div class=\"member\" data-testid=\"member\" data-name=\"{name}\" data-kind=\"{member.Kind.ToLabel()}\" data-connections=\"{member.Connections}\">"
            + SvgIcon.SmallMarkup(ConnectionKindDisplay.Icon(member.Kind), ConnectionKindDisplay.Description(member.Kind))
            + $"<span class=\"member-name\">{name}</span>{count}{since}</div>";
    }
}
