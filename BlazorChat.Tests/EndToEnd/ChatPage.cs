using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>A person's view of the app: the pages' controls by their data-testid.</summary>
internal sealed class ChatPage(IPage page, Uri baseUri)
{
    public IPage Page => page;

    public ILocator Status => page.GetByTestId("connection-status");

    public ILocator Messages => page.GetByTestId("message");

    public ILocator Pane => page.GetByTestId("message-pane");

    /// <summary>The line under the pane that says who else is writing.</summary>
    public ILocator Typing => page.GetByTestId("typing-indicator");

    /// <summary>Opens the home page, remembers <paramref name="name"/>, and joins <paramref name="room"/>.</summary>
    public async Task JoinThroughHomeAsync(string name, string room)
    {
        await page.GotoAsync(baseUri.ToString());
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await page.GetByTestId("name-input").FillAsync(name);
        await page.GetByTestId("room-input").FillAsync(room);
        await page.GetByTestId("join-button").ClickAsync();
        await WaitUntilConnectedAsync();
    }

    public async Task OpenRoomAsync(string room)
    {
        await page.GotoAsync(new Uri(baseUri, $"room/{room}").ToString());
        await WaitUntilConnectedAsync();
    }

    public async Task WaitUntilConnectedAsync()
    {
        await Expect(page.Locator(".room-page[data-interactive='yes']")).ToBeVisibleAsync();
        await Expect(Status).ToHaveAttributeAsync("data-status", "connected");
        await Expect(page.Locator("[data-testid='message'][data-kind='system']", new() { HasTextString = "[connected]" }).Last).ToBeVisibleAsync();
    }

    public async Task SendAsync(string text)
    {
        await page.GetByTestId("message-input").FillAsync(text);
        await page.GetByTestId("message-input").PressAsync("Enter");
        await Expect(page.GetByTestId("message-input")).ToHaveValueAsync("");
    }

    /// <summary>Waits until a message row holds exactly <paramref name="text"/>.</summary>
    public Task ExpectMessageAsync(string text) =>
        Expect(page.Locator("[data-testid='message'] .text", new() { HasTextString = text }).Last).ToHaveTextAsync(text);

    public async Task<IReadOnlyList<string>> MessageTextsAsync() =>
        await page.Locator("[data-testid='message'][data-kind='message'] .text").AllTextContentsAsync();
}
