using Microsoft.Playwright;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// Debian's Chromium driven by Playwright, one browser per test class, a fresh context (own
/// storage) per page. Playwright's own browser download does not exist here, hence the path.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppProcess.RepositoryRoot, "TestResults", "screenshots");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task<IBrowser> GetAsync()
    {
        if (_browser is not null)
        {
            return _browser;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return _browser;
    }

    /// <summary>A page in a context of its own, at a phone's or a desktop's width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, ColorScheme colorScheme = ColorScheme.Light)
    {
        var browser = await GetAsync();
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });
    }

    /// <summary>
    /// Closes every page, so their circuits end before the test's server stops (a server waits
    /// for open connections when stopping).
    /// </summary>
    public async Task CloseContextsAsync()
    {
        if (_browser is not null)
        {
            foreach (var context in _browser.Contexts.ToList())
            {
                await context.CloseAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
