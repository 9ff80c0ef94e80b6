using System.Net;
using System.Net.Http.Json;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>A private room's page, in real Chromium, to someone it does not admit.</summary>
[Requires(BrowserFixture.Executable)]
public sealed class PrivateRoomPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private ChatServer _server = null!;

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

    [ServerFact]
    public async Task AGuestSeesThePrivateRoomNoticeWithASignInLinkAndNoMessage()
    {
        var ada = await TestAccount.CreateAsync(_server.Services, "ada");
        using var http = ada.HttpClient(_server);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/rooms", new { name = "secret", @private = true })).StatusCode);
        await using (var owner = await WsClient.ConnectAsync(ada.SocketUri(_server, "secret")))
        {
            await owner.SendTextAsync("for members only");
            Assert.Equal("for members only", await owner.ReceiveTextAsync());
        }

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(_server.BaseUri, "room/secret").ToString());

        var notice = page.GetByTestId("private-room-notice");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("This room is private");
        await Expect(page.GetByTestId("private-room-signin")).ToHaveAttributeAsync("href", "/account/login?ReturnUrl=%2Froom%2Fsecret");
        await Expect(page.GetByTestId("message")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("message-pane")).ToHaveCountAsync(0);
    }
}
