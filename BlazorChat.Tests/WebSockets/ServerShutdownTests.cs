using System.Net.WebSockets;
using BlazorChat.Tests.Fixtures;

namespace BlazorChat.Tests.WebSockets;

public sealed class ServerShutdownTests
{
    [Fact]
    public async Task StoppingTheServerClosesEverySocketWith1001()
    {
        var server = ChatServer.Start();
        await using var first = await WsClient.ConnectAsync(server.WebSocketUri("ws/lobby/"));
        await using var second = await WsClient.ConnectAsync(server.WebSocketUri("ws/kitchen/"));

        var stopping = server.DisposeAsync().AsTask();

        var (status, description) = await first.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal("server stopping", description);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await second.ReceiveCloseAsync()).Status);
        await stopping;
    }
}
