using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace BlazorChat.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, with every circuit's render tree pointing at one copy of each style
/// sheet it builds. The sheet (the palette as some 12,000 characters of CSS variables) is built on
/// each render of the layout and was kept twice in each circuit, in its current and its previous
/// render tree: tens of kilobytes per open tab, the same text in all of them. Now each render's sheet is
/// swapped for the copy already held, so a tab keeps a reference instead. Everything else (the
/// theme, dark mode and its system detection) is MudBlazor's own. The app has no charts, so the
/// base's chart hover rules are left out.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    // One entry per sheet the app can show (its themes, light and dark): a handful, however many tabs are open.
    private static readonly ConcurrentDictionary<string, string> Sheets = new();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // As the base renders it with DefaultScrollbar off, which the app leaves: MudBlazor's scrollbar, then the theme.
        string sheet = BuildMudBlazorScrollbar() + BuildTheme();
        builder.AddMarkupContent(0, Sheets.GetOrAdd(sheet, sheet));
    }
}
