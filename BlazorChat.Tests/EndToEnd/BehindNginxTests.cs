using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.Tests.EndToEnd;

/// <summary>
/// The deployment in deploy/: real nginx in front of two real instances on one real Redis, a real
/// browser through nginx and a raw client straight on an instance.
/// </summary>
[Requires(RedisServer.Executable)]
[Requires(NginxServer.Executable)]
[Requires(BrowserFixture.Executable)]
public sealed class BehindNginxTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [ServerFact]
    public async Task APageThroughNginxChatsWithASocketOnTheOtherInstanceAndSurvivesLosingItsInstance()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await AppProcess.StartAsync(AppProcess.OnRedis(redis));
        await using var second = await AppProcess.StartAsync(AppProcess.OnRedis(redis));
        await using var nginx = await NginxServer.StartAsync(first.BaseUri, second.BaseUri);
        const string room = "proxied";

        var ada = new ChatPage(await browser.NewPageAsync(), nginx.BaseUri);
        await ada.JoinThroughHomeAsync("Ada", room);

        // The page's circuit is on whichever instance nginx chose; the socket goes to the other.
        var pageInstance = await InstanceWithABrowserAsync(first, second);
        var other = pageInstance == first ? second : first;
        await using var robot = await WsClient.ConnectAsync(other.WebSocketUri($"ws/{room}/?name=robot"));

        await ada.SendAsync("hello from behind nginx");
        Assert.Equal("hello from behind nginx", await robot.ReceiveTextAsync());
        await robot.SendTextAsync("hello from the other instance");
        Assert.Equal("hello from the other instance", await robot.ReceiveTextAsync());
        await ada.ExpectMessageAsync("hello from the other instance");

        // The page's instance stops; nginx sends the page's reconnection to the survivor, which
        // does not know its circuit, so Blazor reloads the page and it joins its room there.
        await ada.Page.EvaluateAsync("() => window.beforeTheInstanceStopped = true");
        Assert.Equal(0, await pageInstance.TerminateAsync());
        await ada.Page.WaitForFunctionAsync("() => !window.beforeTheInstanceStopped");
        await ada.WaitUntilConnectedAsync();
        await Expect(ada.Page.GetByText("as Ada")).ToBeVisibleAsync();
        Assert.Equal(1, (await PrometheusScrape.ReadAsync(other.BaseUri)).Sum("blazorchat_connections", ("kind", "browser")));

        // A socket of the survivor's own: the first one read nothing while the page moved, and a
        // client that answers no ping for 30 s is cut off by the server's keep-alive.
        await using var survivor = await WsClient.ConnectAsync(other.WebSocketUri($"ws/{room}/?name=robot"));
        await ada.SendAsync("back on the survivor");
        Assert.Equal("back on the survivor", await survivor.ReceiveTextAsync());
        await survivor.SendTextAsync("welcome back");
        await ada.ExpectMessageAsync("welcome back");
        await ada.ExpectMessageAsync("back on the survivor");
    }

    /// <summary>The one of two instances that holds a browser page's room connection (nginx sends a browser to one instance).</summary>
    internal static async Task<AppProcess> InstanceWithABrowserAsync(AppProcess first, AppProcess second)
    {
        AppProcess? found = null;
        await Wait.UntilAsync(async () =>
        {
            foreach (var instance in new[] { first, second })
            {
                if ((await PrometheusScrape.ReadAsync(instance.BaseUri)).Sum("blazorchat_connections", ("kind", "browser")) == 1)
                {
                    found = instance;
                    return true;
                }
            }

            return false;
        }, "one instance holds the page's circuit");
        return found!;
    }
}
