using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A MudBlazor icon as plain markup: the same svg as <c>MudIcon</c> renders, without a component.
/// Each component costs an open tab two render trees (about 3 KB with its bookkeeping), which for
/// an icon is more than the icon itself; the page's frame, header and rows use these instead, each
/// one markup frame.
/// </summary>
internal static class SvgIcon
{
    private const string SmallClasses = "mud-icon-root mud-svg-icon mud-icon-size-small";

    /// <param name="icon">The icon's svg content, e.g. <c>Icons.Material.Filled.Edit</c>.</param>
    public static RenderFragment Small(string icon) => Fragment(Svg(icon, SmallClasses, null));

    /// <inheritdoc cref="Small"/>
    public static RenderFragment Medium(string icon) => Fragment(Svg(icon, "mud-icon-root mud-svg-icon mud-icon-size-medium", null));

    /// <summary>A chip's leading icon, as <c>MudChip</c> places it.</summary>
    public static RenderFragment Chip(string icon) => Fragment(Svg(icon, "mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon", null));

    /// <summary>
    /// A small icon as a string of markup, for markup that rows are built of (<see cref="MessageRowMarkup"/>,
    /// <see cref="MemberRowMarkup"/>): the same svg as <see cref="Small"/> renders.
    /// </summary>
    /// <param name="title">What a screen reader says for it; none marks it decorative.</param>
    public static string SmallMarkup(string icon, string? title = null) => Svg(icon, SmallClasses, title);

    private static string Svg(string icon, string classes, string? title)
    {
        if (title is null)
        {
            return $"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>";
        }

        string label = MessageBody.Encoder.Encode(title);
        return $"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" role=\"img\" aria-label=\"{label}\"><title>{label}</title>{icon}</svg>";
    }

    private static RenderFragment Fragment(string markup) => builder => builder.AddMarkupContent(0, markup);
}
