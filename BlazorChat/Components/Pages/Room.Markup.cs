using System.Globalization;
using BlazorChat.Components.Chat;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Pages;

/// <summary>
/// Parts of the room's header as markup in MudBlazor's classes: each is one frame of the page's
/// render trees where its elements and attributes were one frame each. An open tab holds both
/// trees, each in an array that grows in powers of two: a tree of 65 frames costs what one of 128 does.
/// </summary>
public sealed partial class Room
{
    private static readonly MarkupString PeopleIconLabel =
        new($"<span class=\"mud-icon-button-label\">{SvgIcon.Small(MudBlazor.Icons.Material.Filled.People)}</span>");

    // The badges of rooms of up to a hundred, built once each: built at every render, each tab held
    // its own two. Strings, so that a badge two renders build at once is written whole.
    private static readonly string?[] Badges = new string?[100];

    /// <summary>How many are in the room, on the people button; for sight only, since the member list says it in words.</summary>
    private static MarkupString MembersBadge(int count) =>
        new(count < Badges.Length ? Badges[count] ??= BuildBadge(count) : BuildBadge(count));

    private static string BuildBadge(int count) =>
        "<span class=\"mud-badge-wrapper mud-badge-top right\"><span class=\"mud-badge mud-badge-top right mud-elevation-0 mud-theme-primary mud-badge-overlap\" aria-hidden=\"true\">"
        + count.ToString(CultureInfo.InvariantCulture) + "</span></span>";
}
