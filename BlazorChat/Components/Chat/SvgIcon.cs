using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A MudBlazor icon as plain markup: the same svg as <c>MudIcon</c> renders, without a component.
/// Each component costs an open tab two render trees (about 3 KB with its bookkeeping), which for
/// an icon is more than the icon itself; the page's frame, header and rows use these instead, each
/// one markup frame.
/// </summary>
/// <remarks>
/// The markup of each icon and size is built once for the process and shared by every tab: built
/// at each render, every open tab held its own copy of every svg it shows (some 14 KB). The cache
/// holds one entry per icon and size that the code names, so it cannot grow past them.
/// </remarks>
internal static class SvgIcon
{
    private const string SmallClasses = "mud-icon-root mud-svg-icon mud-icon-size-small";

    private static readonly ConcurrentDictionary<(string Icon, string Classes), MarkupString> Shared = new();

    /// <param name="icon">The icon's svg content, e.g. <c>Icons.Material.Filled.Edit</c>.</param>
    public static MarkupString Small(string icon) => Cached(icon, SmallClasses);

    /// <inheritdoc cref="Small"/>
    public static MarkupString Medium(string icon) => Cached(icon, "mud-icon-root mud-svg-icon mud-icon-size-medium");

    /// <summary>A chip's leading icon, as <c>MudChip</c> places it.</summary>
    public static MarkupString Chip(string icon) => Cached(icon, "mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon");

    /// <summary>
    /// A small icon as a string of markup, for markup that rows are built of (<see cref="MessageRowMarkup"/>,
    /// <see cref="MemberRowMarkup"/>): the same svg as <see cref="Small"/> renders.
    /// </summary>
    /// <param name="title">What a screen reader says for it; none marks it decorative.</param>
    public static string SmallMarkup(string icon, string? title = null) => Svg(icon, SmallClasses, title);

    private static MarkupString Cached(string icon, string classes) =>
        Shared.GetOrAdd((icon, classes), static key => new MarkupString(Svg(key.Icon, key.Classes, null)));

    private static string Svg(string icon, string classes, string? title)
    {
        if (title is null)
        {
            return $"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>";
        }

        string label = MessageBody.Encoder.Encode(title);
        return $"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" role=\"img\" aria-label=\"{label}\"><title>{label}</title>{icon}</svg>";
    }
}
