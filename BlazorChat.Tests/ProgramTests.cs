using System.Net;
using System.Net.WebSockets;
using System.Text;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlazorChat.Tests;

/// <summary>Program.cs itself, through WebApplicationFactory's test server: the entry point serves the app.</summary>
public sealed class ProgramTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task TheEntryPointServesPagesHealthAndSockets()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var home = await http.GetAsync("/");
        Assert.Contains("Join a room", await home.Content.ReadAsStringAsync());
        Assert.Equal("frame-ancestors 'self'", home.Headers.GetValues("Content-Security-Policy").Single());

        var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(factory.Server.BaseAddress, "ws/program/"), default).DefaultTimeout();
        var buffer = new byte[1024];
        var welcome = await socket.ReceiveAsync(buffer, default).DefaultTimeout();
        Assert.StartsWith("[welcome]", Encoding.UTF8.GetString(buffer, 0, welcome.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", default).DefaultTimeout();
    }
}
