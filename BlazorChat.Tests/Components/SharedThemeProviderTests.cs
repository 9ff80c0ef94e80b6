using BlazorChat.Components.Layout;
using Bunit;
using MudBlazor;

namespace BlazorChat.Tests.Components;

public sealed class SharedThemeProviderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ItRendersMudBlazorsOwnSheetsForTheMode(bool dark)
    {
        await using var ctx = ChatTestContext.Create();
        var theirs = ctx.Render<MudThemeProvider>(p => p.Add(x => x.Theme, ChatTheme.Theme).Add(x => x.IsDarkMode, dark));
        var ours = ctx.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, ChatTheme.Theme).Add(x => x.IsDarkMode, dark));

        // The same scrollbar and palette rules as MudBlazor's provider (less its chart rules, which the app has no use for).
        var sheets = ours.FindAll("style").Select(style => style.TextContent).ToList();
        Assert.Equal(2, sheets.Count);
        Assert.All(sheets, sheet => Assert.Contains(sheet, theirs.FindAll("style").Select(style => style.TextContent)));
        var otherMode = ctx.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, ChatTheme.Theme).Add(x => x.IsDarkMode, !dark));
        Assert.NotEqual(ours.Markup, otherMode.Markup);
    }
}
