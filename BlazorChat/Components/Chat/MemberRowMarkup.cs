using System.Globalization;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Caching.Memory;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A row of the member list as one piece of markup: its test ids, the kind's icon, the name, the
/// number of connections when there are several, and since when (in the reader's time). As
/// elements a row was some twenty frames in each of a tab's two render trees, and a screenful of
/// them in every tab of a busy room; as markup it is one.
/// </summary>
/// <remarks>
/// Rows are kept by what they show (a member is a value: each page's read of presence brings new
/// instances of the same members), so every tab of a room shows the same strings, where each tab
/// held its own copy of a screenful of rows. The cache is bounded: at most <see cref="MaxKeptRows"/>
/// rows, each forgotten once no page has shown it for <see cref="KeptFor"/>; a row beyond the bound
/// is built for its page alone.
/// </remarks>
internal static class MemberRowMarkup
{
    /// <summary>The most rows kept at once (about 1.3 KB each).</summary>
    public const int MaxKeptRows = 4_096;

    /// <summary>How long a row no page shows is kept.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(2);

    private static readonly MemoryCache Rows = new(new MemoryCacheOptions { SizeLimit = MaxKeptRows });

    public static MarkupString For(RoomMember member, TimeSpan utcOffset) =>
        Rows.GetOrCreate((member, utcOffset), entry =>
        {
            entry.SetSize(1).SetSlidingExpiration(KeptFor);
            return new MarkupString(Build(member, utcOffset));
        });

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
