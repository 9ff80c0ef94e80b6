using BlazorChat.Chat;
using BlazorChat.Components.Chat;
using Bunit;

namespace BlazorChat.Tests.Components;

public sealed class ConnectionControlsTests
{
    [Theory]
    [InlineData(SessionStatus.Connected, "Connected", "disconnect-button")]
    [InlineData(SessionStatus.BusDown, "Bus down", "disconnect-button")]
    [InlineData(SessionStatus.Disconnected, "Disconnected", "connect-button")]
    [InlineData(SessionStatus.Dropped, "Dropped", "connect-button")]
    public async Task StatusIsShownWithTheButtonThatFitsIt(SessionStatus status, string text, string button)
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<ConnectionControls>(p => p.Add(x => x.Status, status));

        Assert.Contains(text, cut.Find("[data-testid=connection-status]").TextContent);
        Assert.Single(cut.FindAll($"[data-testid={button}]"));
    }

    [Fact]
    public async Task ButtonsCallBack()
    {
        await using var ctx = ChatTestContext.Create();
        int connects = 0, disconnects = 0;
        var status = SessionStatus.Disconnected;
        var cut = ctx.Render<ConnectionControls>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.OnConnect, () => connects++)
            .Add(x => x.OnDisconnect, () => disconnects++));

        cut.Find("[data-testid=connect-button]").Click();
        cut.Render(p => p.Add(x => x.Status, SessionStatus.Connected));
        cut.Find("[data-testid=disconnect-button]").Click();

        Assert.Equal((1, 1), (connects, disconnects));
    }
}
