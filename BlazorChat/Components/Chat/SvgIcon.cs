using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components.Chat;

/// <summary>
/// A small MudBlazor icon as plain markup, for what repeats once per row (a member, a message's
/// buttons): the same svg as <c>MudIcon</c> renders, without a component, whose two render trees
/// per row would cost an open tab more than the rows themselves.
/// </summary>
internal static class SvgIcon
{
    /// <param name="icon">The icon's svg content, e.g. <c>Icons.Material.Filled.Edit</c>.</param>
    /// <param name="title">What a screen reader says for it; none marks it decorative.</param>
    public static RenderFragment Small(string icon, string? title = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", "mud-icon-root mud-svg-icon mud-icon-size-small");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        if (title is null)
        {
            builder.AddAttribute(4, "aria-hidden", "true");
        }
        else
        {
            builder.AddAttribute(5, "role", "img");
            builder.AddAttribute(6, "aria-label", title);
            builder.OpenElement(7, "title");
            builder.AddContent(8, title);
            builder.CloseElement();
        }

        builder.AddMarkupContent(9, icon);
        builder.CloseElement();
    };
}
