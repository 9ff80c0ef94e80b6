using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BlazorChat.Components.Layout;

/// <summary>
/// The app theme's style sheets, light and dark, as MudBlazor's theme provider writes them
/// (its scrollbar rules and the palette's CSS variables), rendered once for the process. A page
/// puts one of the two strings in its layout as markup, where a provider in every open tab held
/// a component's two render trees, the palette's colours worked out again and its own copy of
/// each sheet. Dark mode itself (the reader's choice, else their system's) is the layout's.
/// </summary>
public sealed class ThemeSheets(IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>Both sheets, as markup.</summary>
    public readonly record struct Pair(MarkupString Light, MarkupString Dark)
    {
        public MarkupString For(bool dark) => dark ? Dark : Light;
    }

    private readonly Lazy<Task<Pair>> _sheets = new(() => RenderBothAsync(services, loggers));

    public Task<Pair> GetAsync() => _sheets.Value;

    private static async Task<Pair> RenderBothAsync(IServiceProvider services, ILoggerFactory loggers)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () => new Pair(await RenderAsync(renderer, dark: false), await RenderAsync(renderer, dark: true)));
    }

    private static async Task<MarkupString> RenderAsync(HtmlRenderer renderer, bool dark)
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = ChatTheme.Theme,
            [nameof(MudThemeProvider.IsDarkMode)] = dark,
        });
        var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
        return new MarkupString(output.ToHtmlString());
    }
}
