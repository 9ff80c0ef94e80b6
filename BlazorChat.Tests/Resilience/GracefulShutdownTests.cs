using System.Net.WebSockets;
using BlazorChat.Tests.Fixtures;

namespace BlazorChat.Tests.Resilience;

/// <summary>SIGTERM to a real app process.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task OnSigtermSocketsAreClosedWith1001AndTheProcessExitsCleanly()
    {
        var app = await AppProcess.StartAsync(new Dictionary<string, string>());
        await using var plain = await WsClient.ConnectAsync(app.WebSocketUri("ws/closing/?name=plain"));
        await using var json = await WsClient.ConnectAsync(app.WebSocketUri("ws/closing/?format=json&name=json"));
        await plain.SendTextAsync("last words");
        Assert.Equal("last words", await plain.ReceiveTextAsync());

        var exit = app.TerminateAsync();

        var (plainTexts, plainStatus) = await plain.ReceiveUntilCloseAsync();
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, plainStatus);
        Assert.DoesNotContain(plainTexts, t => t.StartsWith("[error]"));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await json.ReceiveUntilCloseAsync()).Status);
        Assert.Equal(0, await exit);
        Assert.Contains("Application is shutting down", app.Output);
        await app.DisposeAsync();
    }
}
