using MudBlazor;

namespace BlazorChat.Components.Layout;

/// <summary>BlazorChat's Material theme: MudBlazor's defaults with a violet primary and calm dark surfaces.</summary>
public static class ChatTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#594ae2",
            Secondary = "#00897b",
            AppbarBackground = "#594ae2",
            Background = "#f5f5fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8f86ff",
            Secondary = "#4db6ac",
            AppbarBackground = "#1e1e2d",
            Background = "#15151f",
            Surface = "#1e1e2d",
        },
    };
}
