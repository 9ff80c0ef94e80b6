using BlazorChat.Components.Layout;
using Bunit;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace BlazorChat.Tests.Components;

public sealed class ThemeSheetsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EachModesSheetIsWhatMudBlazorsProviderWritesForIt(bool dark)
    {
        await using var ctx = ChatTestContext.Create();
        var sheets = new ThemeSheets(ctx.Services, NullLoggerFactory.Instance);

        var both = await sheets.GetAsync();
        var sheet = both.For(dark);
        var ours = ctx.Render(builder => builder.AddContent(0, sheet));
        var theirs = ctx.Render<MudThemeProvider>(p => p.Add(x => x.Theme, ChatTheme.Theme).Add(x => x.IsDarkMode, dark));

        var styles = ours.FindAll("style").Select(style => style.TextContent).ToList();
        Assert.NotEmpty(styles);
        Assert.Equal(theirs.FindAll("style").Select(style => style.TextContent), styles);
        Assert.NotEqual(sheet.Value, both.For(!dark).Value);
    }
}
