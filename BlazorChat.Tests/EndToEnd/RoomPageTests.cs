using BlazorChat.Rooms;
using System.Text.RegularExpressions;
using BlazorChat.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>Real Chromium against real Kestrel: pages and raw sockets in the same rooms.</summary>
[Requires(BrowserFixture.Executable)]
public sealed class RoomPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private ChatServer _server = null!;
    private readonly string _room = "room_" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync()
    {
        _server = ChatServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    private async Task<ChatPage> NewChatPageAsync(int width = 1280, int height = 800, ColorScheme scheme = ColorScheme.Light) =>
        new(await browser.NewPageAsync(width, height, scheme), _server.BaseUri);

    [ServerFact]
    public async Task TwoPagesAndARawClientInOneRoomEachSeeEveryMessage()
    {
        var ada = await NewChatPageAsync();
        await ada.JoinThroughHomeAsync("Ada", _room);
        var bob = await NewChatPageAsync();
        await bob.JoinThroughHomeAsync("Bob", _room);
        await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot"));

        await ada.SendAsync("hello from Ada");
        await bob.SendAsync("hi Ada, Bob here");
        await script.SendTextAsync("beep from the socket");

        foreach (var page in new[] { ada, bob })
        {
            await page.ExpectMessageAsync("beep from the socket");
            Assert.Equal(["hello from Ada", "hi Ada, Bob here", "beep from the socket"], await page.MessageTextsAsync());
        }

        // The raw client gets exactly the typed text, in plain mode.
        Assert.Equal(["hello from Ada", "hi Ada, Bob here", "beep from the socket"], await script.ReceiveTextsAsync(3));

        // The socket's ?name= is shown as its sender, and one's own messages are told apart.
        await Expect(ada.Page.Locator(".message-row:not(.own) .sender").Last).ToHaveTextAsync("robot");
        await Expect(ada.Page.Locator(".message-row.own .text")).ToHaveTextAsync("hello from Ada");
        await Expect(bob.Page.Locator(".message-row.own .text")).ToHaveTextAsync("hi Ada, Bob here");
    }

    [ServerFact]
    public async Task APageInAnotherRoomSeesNone()
    {
        var here = await NewChatPageAsync();
        await here.OpenRoomAsync(_room);
        var elsewhere = await NewChatPageAsync();
        await elsewhere.OpenRoomAsync(_room + "_other");

        await here.SendAsync("only for this room");
        await elsewhere.SendAsync("only for the other room");

        await here.ExpectMessageAsync("only for this room");
        await elsewhere.ExpectMessageAsync("only for the other room");
        Assert.Equal(["only for this room"], await here.MessageTextsAsync());
        Assert.Equal(["only for the other room"], await elsewhere.MessageTextsAsync());
    }

    [ServerFact]
    public async Task MarkupIsShownAsTextAndNoElementIsMade()
    {
        const string markup = "<img src=x onerror=alert(1)>";
        var page = await NewChatPageAsync();
        var dialogs = 0;
        page.Page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.OpenRoomAsync(_room);
        await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=%3Cb%3Ebold%3C%2Fb%3E"));

        await page.SendAsync(markup);
        await script.SendTextAsync("<script>alert(2)</script>");
        await script.SendTextAsync("bell\u0007 escape\u001b[31m nul\u0000 rtl\u202etxet");

        await page.ExpectMessageAsync(markup);
        await page.ExpectMessageAsync("<script>alert(2)</script>");
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "bell" })).ToContainTextAsync("escape");
        await Expect(page.Pane.Locator("img")).ToHaveCountAsync(0);
        await Expect(page.Pane.Locator("script, b")).ToHaveCountAsync(0);
        await Expect(page.Page.Locator(".sender", new() { HasTextString = "<b>bold</b>" }).First).ToHaveTextAsync("<b>bold</b>");
        Assert.Equal(0, dialogs);
    }

    [ServerFact]
    public async Task AfterDisconnectNothingArrivesAndConnectCatchesUpThenMessagesArriveAgain()
    {
        var page = await NewChatPageAsync();
        await page.OpenRoomAsync(_room);
        await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot"));
        var bus = _server.Get<IGroupBus>();

        await page.Page.GetByTestId("disconnect-button").ClickAsync();
        await Expect(page.Status).ToHaveAttributeAsync("data-status", "disconnected");
        await Wait.ForConnectionsAsync(_server.Get<LocalConnections>(), () => bus.CountLocalMembers(_room) == 1, "the page left the room");
        await script.SendTextAsync("while you were away");
        Assert.Equal("while you were away", await script.ReceiveTextAsync());
        await Expect(page.Page.GetByTestId("message-input")).ToBeDisabledAsync();

        Assert.Empty(await page.MessageTextsAsync());

        // Connecting again catches up on what was said meanwhile, then carries on live.
        await page.Page.GetByTestId("connect-button").ClickAsync();
        await Expect(page.Status).ToHaveAttributeAsync("data-status", "connected");
        await script.SendTextAsync("welcome back");

        await page.ExpectMessageAsync("welcome back");
        Assert.Equal(["while you were away", "welcome back"], await page.MessageTextsAsync());
    }

    [ServerFact]
    public async Task InputRulesBlankIsNotSentAndTooLongStaysWithAnExplanation()
    {
        var page = await NewChatPageAsync();
        await page.OpenRoomAsync(_room);
        var input = page.Page.GetByTestId("message-input");

        await input.FillAsync("   ");
        await input.PressAsync("Enter");
        var tooLong = new string('x', 4097);
        await input.FillAsync(tooLong);
        await page.Page.GetByTestId("send-button").ClickAsync();

        await Expect(page.Page.GetByText(new Regex("4,097 bytes; the limit is 4,096"))).ToBeVisibleAsync();
        await Expect(input).ToHaveValueAsync(tooLong);
        await page.SendAsync("short enough");
        await page.ExpectMessageAsync("short enough");
        Assert.Equal(["short enough"], await page.MessageTextsAsync());
    }

    [ServerFact]
    public async Task WritingOnOnePageShowsTypingOnTheOtherUntilItIsSent()
    {
        var ada = await NewChatPageAsync();
        await ada.JoinThroughHomeAsync("Ada", _room);
        var bob = await NewChatPageAsync();
        await bob.JoinThroughHomeAsync("Bob", _room);

        await ada.Page.GetByTestId("message-input").FillAsync("almost done");
        await Expect(bob.Typing).ToHaveTextAsync("Ada is typing…");
        await Expect(ada.Typing).Not.ToContainTextAsync("typing");

        await ada.Page.GetByTestId("message-input").PressAsync("Enter");
        await bob.ExpectMessageAsync("almost done");
        await Expect(bob.Typing).Not.ToContainTextAsync("typing");
    }

    [ServerFact]
    public async Task ClosingTheTabTakesItsMemberOutOfTheRoom()
    {
        var page = await NewChatPageAsync();
        await page.OpenRoomAsync(_room);
        var bus = _server.Get<IGroupBus>();
        Assert.Equal(1, bus.CountLocalMembers(_room));

        await page.Page.CloseAsync(new() { RunBeforeUnload = true });

        await Wait.ForConnectionsAsync(_server.Get<LocalConnections>(), () => bus.CountLocalMembers(_room) == 0, "the closed tab's session left the room");
    }

    [ServerFact]
    public async Task ABadRoomNameInTheAddressShowsAFriendlyPage()
    {
        var page = await NewChatPageAsync();
        var response = await page.Page.GotoAsync(new Uri(_server.BaseUri, "room/not-a-room!").ToString());

        Assert.NotNull(response);
        await Expect(page.Page.GetByTestId("bad-room")).ToContainTextAsync("There is no room called");
    }

    [ServerFact]
    public async Task WhenTheCircuitDropsAndReconnectsThePageIsStillInItsRoom()
    {
        await using var proxy = new TcpProxy(_server.BaseUri);
        var page = new ChatPage(await browser.NewPageAsync(), proxy.BaseUri);
        await page.OpenRoomAsync(_room);
        await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot"));
        await script.SendTextAsync("before the drop");
        await page.ExpectMessageAsync("before the drop");

        proxy.DropConnections();
        await Expect(page.Page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        await script.SendTextAsync("while reconnecting");
        await Expect(page.Page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 30_000 });

        await script.SendTextAsync("after the reconnect");
        await page.ExpectMessageAsync("after the reconnect");
        await page.SendAsync("still here");
        Assert.Equal("before the drop", await script.ReceiveTextAsync());
        Assert.Equal("while reconnecting", await script.ReceiveTextAsync());
        Assert.Equal("after the reconnect", await script.ReceiveTextAsync());
        Assert.Equal("still here", await script.ReceiveTextAsync());
        await Expect(page.Status).ToHaveAttributeAsync("data-status", "connected");
        Assert.Equal(["before the drop", "while reconnecting", "after the reconnect", "still here"], await page.MessageTextsAsync());
    }

    [ServerFact]
    public async Task TheDisplayNameAndTheThemeAreRememberedForTheNextVisit()
    {
        var page = await NewChatPageAsync();
        await page.JoinThroughHomeAsync("Ada Lovelace", _room);
        await Expect(page.Page.Locator(".room-title")).ToContainTextAsync("as Ada Lovelace");
        Assert.Equal(LightBackground, await BackgroundAsync(page.Page));
        await page.Page.GetByTestId("theme-toggle").ClickAsync();
        await Wait.UntilAsync(async () => await BackgroundAsync(page.Page) == DarkBackground, "the page turned dark");

        await page.Page.GotoAsync(_server.BaseUri.ToString());
        await Expect(page.Page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();

        await Expect(page.Page.GetByTestId("name-input")).ToHaveValueAsync("Ada Lovelace");
        await Wait.UntilAsync(async () => await BackgroundAsync(page.Page) == DarkBackground, "the page turned dark");
    }

    // The theme's Background colours (ChatTheme), as the browser computes the body's background.
    private const string LightBackground = "rgb(245, 245, 250)";
    private const string DarkBackground = "rgb(21, 21, 31)";

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

    [ServerFact]
    public async Task ThePaneFollowsTheNewestMessageUnlessTheReaderScrolledUpThenOffersAJump()
    {
        var page = await NewChatPageAsync(width: 800, height: 600);
        await page.OpenRoomAsync(_room);
        await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot"));
        for (int i = 0; i < 30; i++)
        {
            await script.SendTextAsync($"line {i}");
        }

        await page.ExpectMessageAsync("line 29");
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "line 29" })).ToBeInViewportAsync();
        var jump = page.Page.GetByTestId("jump-to-new");
        await Expect(jump).ToBeHiddenAsync();

        await page.Pane.EvaluateAsync("pane => pane.scrollTop = 0");
        await script.SendTextAsync("while you read old lines");
        await page.ExpectMessageAsync("while you read old lines");
        await Expect(jump).ToBeVisibleAsync();
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "line 0" })).ToBeInViewportAsync();

        await jump.ClickAsync();
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "while you read old lines" })).ToBeInViewportAsync();
        await Expect(jump).ToBeHiddenAsync();
    }

    [ServerFact]
    public async Task ScrollingToTheTopLoadsOlderHistoryPageByPageAndKeepsTheReadersPlace()
    {
        var bus = _server.Get<IGroupBus>();
        for (int i = 0; i < 120; i++)
        {
            await bus.GroupSendAsync(_room, new BlazorChat.Chat.MessageDraft("Grace", $"old {i}"));
        }

        var page = await NewChatPageAsync();
        await page.OpenRoomAsync(_room);
        await page.ExpectMessageAsync("old 119");
        var olderRows = page.Pane.Locator("[data-kind=message]");
        await Expect(olderRows).ToHaveCountAsync(50);

        // At the top, the page before the first row comes in above it; the row read stays in view.
        await page.Pane.EvaluateAsync("pane => pane.scrollTop = 0");
        await Expect(olderRows).ToHaveCountAsync(100);
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "old 70" })).ToBeInViewportAsync();
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "old 20" })).Not.ToBeInViewportAsync();

        // The last step back reaches the start of what the room keeps, and offers no more.
        await page.Pane.EvaluateAsync("pane => pane.scrollTop = 0");
        await Expect(olderRows).ToHaveCountAsync(120);
        await Expect(olderRows.First).ToContainTextAsync("old 0");
        await page.Pane.EvaluateAsync("pane => pane.scrollTop = 0");
        await Expect(page.Page.GetByTestId("load-older")).ToHaveCountAsync(0);
    }

    [ServerFact]
    public async Task ReadingFarBackHoldsNewerMessagesBackUntilTheReaderJumpsToThem()
    {
        var bus = _server.Get<IGroupBus>();
        for (int i = 0; i < 300; i++)
        {
            await bus.GroupSendAsync(_room, new BlazorChat.Chat.MessageDraft("Grace", $"old {i}"));
        }

        var page = await NewChatPageAsync();
        await page.OpenRoomAsync(_room);
        await page.ExpectMessageAsync("old 299");
        var rows = page.Pane.Locator("[data-kind=message]");
        foreach (int expected in new[] { 100, 150, 200 })
        {
            await page.Pane.EvaluateAsync("pane => pane.scrollTop = 0");
            await Expect(rows).ToHaveCountAsync(expected);
        }

        // A fourth step back overflows the page's rows: the newest give way, the page stops following.
        await page.Pane.EvaluateAsync("pane => pane.scrollTop = 0");
        await Expect(rows.First).ToContainTextAsync("old 50");
        await Expect(rows).ToHaveCountAsync(BlazorChat.Components.Pages.Room.MaxMessagesOnPage);
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "old 299" })).ToHaveCountAsync(0);

        await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot"));
        await script.SendTextAsync("meanwhile");
        var jump = page.Page.GetByTestId("jump-to-new");
        await Expect(jump).ToContainTextAsync("1 newer messages");
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "meanwhile" })).ToHaveCountAsync(0);

        await jump.ClickAsync();
        await Expect(page.Pane.Locator(".text", new() { HasTextString = "meanwhile" })).ToBeInViewportAsync();
        await Expect(rows.First).ToContainTextAsync("old 251");
        await script.SendTextAsync("and live again");
        await page.ExpectMessageAsync("and live again");
    }

    [ServerFact]
    public async Task OpeningARoomShowsItsRecentHistoryThenTheLiveMessages()
    {
        var bus = _server.Get<IGroupBus>();
        for (int i = 0; i < 60; i++)
        {
            await bus.GroupSendAsync(_room, new BlazorChat.Chat.MessageDraft("Grace", $"old {i}"));
        }

        var page = await NewChatPageAsync();
        await page.OpenRoomAsync(_room);
        await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot"));
        await script.SendTextAsync("new");

        await page.ExpectMessageAsync("new");
        Assert.Equal([.. Enumerable.Range(10, 50).Select(i => $"old {i}"), "new"], await page.MessageTextsAsync());
    }

    [ServerFact]
    public async Task TheMemberListShowsWhoIsInTheRoomLive()
    {
        var ada = await NewChatPageAsync();
        await ada.JoinThroughHomeAsync("Ada", _room);
        var members = ada.Page.GetByTestId("member-list").GetByTestId("member");
        await Expect(members).ToHaveCountAsync(1);

        var bob = await NewChatPageAsync();
        await bob.JoinThroughHomeAsync("Bob", _room);
        await using (var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot")))
        {
            await Expect(members).ToHaveCountAsync(3);
            await Expect(ada.Page.Locator("[data-testid='member'][data-name='robot']")).ToHaveAttributeAsync("data-kind", "socket");
            await Expect(ada.Page.Locator("[data-testid='member'][data-name='Bob']")).ToHaveAttributeAsync("data-kind", "browser");
            await Expect(ada.Page.Locator("[data-kind='join']", new() { HasTextString = "Bob joined" })).ToBeVisibleAsync();
        }

        await bob.Page.CloseAsync(new() { RunBeforeUnload = true });
        await Expect(members).ToHaveCountAsync(1);
        await Expect(ada.Page.Locator("[data-kind='leave']", new() { HasTextString = "Bob left" })).ToBeVisibleAsync();
    }

    [ServerFact]
    public async Task SeveralTabsUnderOneNameShowOnceWithACount()
    {
        var first = await NewChatPageAsync();
        await first.JoinThroughHomeAsync("Ada", _room);
        var second = new ChatPage(await first.Page.Context.NewPageAsync(), _server.BaseUri);
        await second.OpenRoomAsync(_room);

        var ada = first.Page.Locator("[data-testid='member'][data-name='Ada']");
        await Expect(ada).ToHaveAttributeAsync("data-connections", "2");
        await Expect(ada.Locator(".member-count")).ToHaveTextAsync("×2");
    }

    [ServerFact]
    public async Task TheHomePageListsActiveRoomsLiveAndJoinsOneInAClick()
    {
        var page = await NewChatPageAsync();
        await page.Page.GotoAsync(_server.BaseUri.ToString());
        await Expect(page.Page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await page.Page.GetByTestId("name-input").FillAsync("Ada");

        await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}/?name=robot"));
        var room = page.Page.Locator($"[data-testid='room-link'][data-room='{_room}']");
        await Expect(room.GetByTestId("room-members")).ToHaveTextAsync("1");

        await room.ClickAsync();
        await page.WaitUntilConnectedAsync();
        Assert.EndsWith($"/room/{_room}", page.Page.Url);
        await Expect(page.Page.GetByTestId("member")).ToHaveCountAsync(2);
    }

    [ServerFact]
    public async Task ScreenshotsOfHomeAndRoomInLightDarkAndAtPhoneWidth()
    {
        foreach (var (label, width, height, scheme) in new[]
                 {
                     ("desktop-light", 1440, 900, ColorScheme.Light),
                     ("desktop-dark", 1440, 900, ColorScheme.Dark),
                     ("phone-light", 390, 844, ColorScheme.Light),
                     ("phone-dark", 390, 844, ColorScheme.Dark),
                 })
        {
            var page = await NewChatPageAsync(width, height, scheme);
            await page.Page.GotoAsync(_server.BaseUri.ToString());
            await Expect(page.Page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
            await page.Page.GetByTestId("name-input").FillAsync("Ada");
            await BrowserFixture.ScreenshotAsync(page.Page, $"home-{label}");

            await page.JoinThroughHomeAsync("Ada", _room + label.Replace('-', '_'));
            await using var script = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}{label.Replace('-', '_')}/?name=Grace"));
            await script.SendTextAsync("Morning! Did the deploy go out?");
            await page.SendAsync("It did, all green 🎉");
            await script.SendTextAsync("Great. <b>Markup</b> stays text, and long lines wrap nicely across the bubble without breaking the layout at all.");
            await page.ExpectMessageAsync("Great. <b>Markup</b> stays text, and long lines wrap nicely across the bubble without breaking the layout at all.");
            await BrowserFixture.ScreenshotAsync(page.Page, $"room-{label}");
            await page.Page.Context.CloseAsync();
        }
    }

    [ServerFact]
    public async Task OnePersonsRunSharesAHeaderAndLinksOpenSafelyInBothThemesAtPhoneWidth()
    {
        foreach (var (label, scheme) in new[] { ("light", ColorScheme.Light), ("dark", ColorScheme.Dark) })
        {
            string room = $"{_room}_{label}";
            var page = await NewChatPageAsync(390, 844, scheme);
            await page.JoinThroughHomeAsync("Ada", room);
            // Nobody picked a theme here: the page takes the system's.
            string background = scheme == ColorScheme.Dark ? DarkBackground : LightBackground;
            await Wait.UntilAsync(async () => await BackgroundAsync(page.Page) == background, $"the page follows the system's {label} theme");
            await using var grace = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{room}/?name=Grace"));
            await grace.SendTextAsync("Morning! Is the release out?");
            await grace.SendTextAsync("The notes said it would be by now.");
            const string withLink = "Yes, see https://example.com/releases/7 (all green).";
            await page.SendAsync(withLink);
            await page.ExpectMessageAsync(withLink);

            var rows = page.Pane.Locator("[data-testid='message'][data-kind='message']");
            await Expect(rows).ToHaveCountAsync(3);
            await Expect(rows.Nth(0).Locator(".sender")).ToHaveTextAsync("Grace");
            await Expect(rows.Nth(1).Locator(".sender")).ToHaveCountAsync(0);
            await Expect(rows.Nth(2).Locator(".sender")).ToHaveTextAsync("You");
            for (int i = 0; i < 3; i++)
            {
                await Expect(rows.Nth(i)).ToHaveAttributeAsync("data-message-id", new Regex(@"^\d+(-\d+)?$"));
            }

            // Around midnight the messages may already be yesterday's: the label is checked, not the clock.
            await Expect(page.Pane.GetByRole(AriaRole.Separator).First).ToHaveAccessibleNameAsync(new Regex("^(Today|Yesterday)$"));

            var link = rows.Nth(2).GetByRole(AriaRole.Link);
            await Expect(link).ToHaveTextAsync("https://example.com/releases/7");
            await Expect(link).ToHaveAttributeAsync("href", "https://example.com/releases/7");
            await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
            await Expect(link).ToHaveAttributeAsync("target", "_blank");
            await Expect(link).ToHaveAccessibleDescriptionAsync("Opens in a new tab");

            // From the message box, going back passes the row's own delete and edit, then reaches the
            // link; hovering a continued row shows its time.
            await page.Page.GetByTestId("message-input").FocusAsync();
            await page.Page.Keyboard.PressAsync("Shift+Tab");
            await Expect(rows.Nth(2).GetByTestId("message-delete")).ToBeFocusedAsync();
            await page.Page.Keyboard.PressAsync("Shift+Tab");
            await Expect(rows.Nth(2).GetByTestId("message-edit")).ToBeFocusedAsync();
            await page.Page.Keyboard.PressAsync("Shift+Tab");
            await Expect(link).ToBeFocusedAsync();
            await rows.Nth(1).HoverAsync();
            Assert.Equal("1", await rows.Nth(1).Locator(".aside-time").EvaluateAsync<string>("t => getComputedStyle(t).opacity"));

            await BrowserFixture.ScreenshotAsync(page.Page, $"room-grouped-phone-{label}");
            await page.Page.Context.CloseAsync();
        }
    }
}
