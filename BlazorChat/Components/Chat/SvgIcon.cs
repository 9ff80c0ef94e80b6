using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A MudBlazor icon as plain markup: the same svg as <c>MudIcon</c> renders, without a component.
/// Each component costs an open tab two render trees (about 3 KB with its bookkeeping), which for
/// an icon is more than the icon itself; the page's frame, header and rows use these instead.
/// </summary>
internal static class SvgIcon
{
    /// <param name="icon">The icon's svg content, e.g. <c>Icons.Material.Filled.Edit</c>.</param>
    /// <param name="title">What a screen reader says for it; none marks it decorative.</param>
    public static RenderFragment Small(string icon, string? title = null) => Sized(icon, SmallClasses, title);

    /// <inheritdoc cref="Small"/>
    public static RenderFragment Medium(string icon, string? title = null) => Sized(icon, "mud-icon-root mud-svg-icon mud-icon-size-medium", title);

    /// <summary>
    /// A small decorative icon as a string of markup, for markup that many pages share
    /// (<see cref="MessageRowMarkup"/>): the same svg as <see cref="Small"/> renders without a title.
    /// </summary>
    public static string SmallMarkup(string icon) => Decorative(icon, SmallClasses);

    private const string SmallClasses = "mud-icon-root mud-svg-icon mud-icon-size-small";

    private static string Decorative(string icon, string classes) =>
        $"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>";

    /// <summary>A chip's leading icon, as <c>MudChip</c> places it.</summary>
    public static RenderFragment Chip(string icon) => Sized(icon, "mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon", null);

    // A decorative icon is one markup frame; a titled one is elements, its title being text.
    private static RenderFragment Sized(string icon, string classes, string? title) => title is null
        ? builder => builder.AddMarkupContent(0, Decorative(icon, classes))
        : builder =>
        {
            builder.OpenElement(0, "svg");
            builder.AddAttribute(1, "class", classes);
            builder.AddAttribute(2, "focusable", "false");
            builder.AddAttribute(3, "viewBox", "0 0 24 24");
            builder.AddAttribute(4, "role", "img");
            builder.AddAttribute(5, "aria-label", title);
            builder.OpenElement(6, "title");
            builder.AddContent(7, title);
            builder.CloseElement();
            builder.AddMarkupContent(8, icon);
            builder.CloseElement();
        };
}
