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
    public async Task APageThroughNginxChatsWithASocketOnTheOtherInstanceAndMovesToItWhenItsInstanceStops()
    {
        await using var redis = await RedisServer.StartAsync();
        var handoverLog = ("Logging__LogLevel__BlazorChat.Components.Handover", "Information");
        await using var first = await AppProcess.StartAsync(AppProcess.OnRedis(redis, handoverLog));
        await using var second = await AppProcess.StartAsync(AppProcess.OnRedis(redis, handoverLog));
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

        // The page's instance stops gracefully, as in a rolling restart, while the room goes on:
        // it hands the page over, which pauses its circuit there and resumes it through nginx on
        // the survivor, in the same document, and misses nothing that was said meanwhile.
        await ada.Page.EvaluateAsync("() => window.beforeTheInstanceStopped = true");
        var stopped = pageInstance.TerminateAsync();
        var meanwhile = Enumerable.Range(1, 5).Select(i => $"while the instance stops {i}").ToList();
        foreach (string text in meanwhile)
        {
            await robot.SendTextAsync(text);
        }

        Assert.Equal(0, await stopped);
        Assert.Contains("handing 1 open pages over", pageInstance.Output);
        await robot.SendTextAsync("after it stopped");
        await ada.ExpectMessageAsync("after it stopped");
        await Expect(ada.Status).ToHaveAttributeAsync("data-status", "connected");
        Assert.True(await ada.Page.EvaluateAsync<bool>("() => window.beforeTheInstanceStopped === true"), "the page was not loaded again");
        Assert.Equal(["hello from behind nginx", "hello from the other instance", .. meanwhile, "after it stopped"], await ada.MessageTextsAsync());
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
