using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>
/// A tab hidden for a while gives its circuit back (<c>Blazor.pauseCircuit()</c>) and, shown
/// again, resumes in its room on a new circuit, caught up by id: real Chromium, real Kestrel. The
/// page is told it is hidden the way the browser tells it (<c>visibilitychange</c> with
/// <c>document.visibilityState</c>), since a headless tab is never hidden on its own.
/// </summary>
[Requires(BrowserFixture.Executable)]
public sealed class BackgroundTabTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    // Fewer than the messages missed below: what comes back must be recovery by id, not the newest few.
    private const int HistoryOnJoin = 5;
    private const int MissedWhileHidden = 8;

    private ChatServer _server = null!;
    private readonly string _room = "tab_" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync()
    {
        _server = ChatServer.Start(new Dictionary<string, string?>
        {
            ["Pages:PauseHiddenAfterSeconds"] = "1",
            ["History:OnJoin"] = HistoryOnJoin.ToString(),
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    [ServerFact]
    public async Task AHiddenTabGivesItsCircuitBackAndShownAgainHasEveryMessageItMissedWithoutAReload()
    {
        var ada = new ChatPage(await browser.NewPageAsync(), _server.BaseUri);
        await ada.JoinThroughHomeAsync("Ada", _room);
        await using var robot = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot&format=json"));
        await ada.SendAsync("before the tab was hidden");
        await ada.ExpectMessageAsync("before the tab was hidden");
        await ada.Page.EvaluateAsync("() => { window.sameDocument = true; }");

        await SetVisibilityAsync(ada, "hidden");
        // The paused circuit is gone from the server, and with it the page's seat in the room.
        Assert.Equal("Ada left", (await robot.ReceiveJsonAsync("leave")).GetProperty("text").GetString());
        await Expect(ada.Page.Locator("body")).ToHaveAttributeAsync("data-circuit", "paused");
        var missed = Enumerable.Range(1, MissedWhileHidden).Select(i => $"missed {i}").ToList();
        foreach (string text in missed)
        {
            await robot.SendTextAsync(text);
        }

        await SetVisibilityAsync(ada, "visible");
        await ada.ExpectMessageAsync($"missed {MissedWhileHidden}");
        await Expect(ada.Page.Locator("body")).Not.ToHaveAttributeAsync("data-circuit", "paused");
        await Expect(ada.Status).ToHaveAttributeAsync("data-status", "connected");
        Assert.Equal(["before the tab was hidden", .. missed], await ada.MessageTextsAsync());
        Assert.True(await ada.Page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was not loaded again");
        Assert.Equal("Ada joined", (await robot.ReceiveJsonAsync("join")).GetProperty("text").GetString());

        // On its new circuit the page is in the room again: it speaks and hears as before.
        await ada.SendAsync("back");
        Assert.Equal("back", (await robot.ReceiveJsonAsync("message")).GetProperty("text").GetString());
        await robot.SendTextAsync("welcome back");
        await ada.ExpectMessageAsync("welcome back");
    }

    [ServerFact]
    public async Task ATabShownAgainBeforeItsTimeKeepsItsCircuit()
    {
        var ada = new ChatPage(await browser.NewPageAsync(), _server.BaseUri);
        await ada.JoinThroughHomeAsync("Ada", _room);
        await using var robot = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot&format=json"));

        await SetVisibilityAsync(ada, "hidden");
        await SetVisibilityAsync(ada, "visible");
        await robot.SendTextAsync("still here?");
        Assert.Equal("still here?", (await robot.ReceiveJsonAsync("message")).GetProperty("text").GetString());
        await ada.ExpectMessageAsync("still here?");
        // Past the pause's second: had the timer outlived the tab being shown, the page would have
        // left, and its leave would come to the robot before the robot's own next message.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await robot.SendTextAsync("and now?");
        var next = await robot.ReceiveJsonAsync();
        Assert.Equal(("message", "and now?"), (next.GetProperty("kind").GetString(), next.GetProperty("text").GetString()));
        await ada.ExpectMessageAsync("and now?");
        Assert.Equal(["still here?", "and now?"], await ada.MessageTextsAsync());
    }

    private static Task SetVisibilityAsync(ChatPage page, string state) => page.Page.EvaluateAsync("""
        state => {
          Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
          Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
          document.dispatchEvent(new Event("visibilitychange"));
        }
        """, state);
}
