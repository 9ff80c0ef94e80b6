using BlazorChat.Chat;
using BlazorChat.Components.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Components;

/// <summary>The room page and typing: its own signals out, and who else is writing shown under the pane.</summary>
public sealed class RoomTypingTests
{
    [Fact]
    public async Task AnotherPageWritingIsShownUntilItsMessageArrives()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = OpenLobby(ctx);
        await using var other = ctx.Services.CreateAsyncScope();
        var bob = other.ServiceProvider.GetRequiredService<ChatSession>();
        Assert.True(await bob.JoinAsync("lobby", "Bob"));

        bob.SignalTyping();
        cut.WaitForAssertion(() => Assert.Equal("Bob is typing…", Indicator(cut)));

        Assert.True((await bob.SendAsync("done writing")).Sent);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=message] .text"), e => e.TextContent == "done writing"));
        Assert.Equal("", Indicator(cut));
    }

    [Fact]
    public async Task AWriterWhoLeavesIsNoLongerShown()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = OpenLobby(ctx);
        await using var other = ctx.Services.CreateAsyncScope();
        var bob = other.ServiceProvider.GetRequiredService<ChatSession>();
        Assert.True(await bob.JoinAsync("lobby", "Bob"));
        bob.SignalTyping();
        cut.WaitForAssertion(() => Assert.Equal("Bob is typing…", Indicator(cut)));

        await bob.LeaveAsync();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=message][data-kind=leave]"), e => e.TextContent.Contains("Bob left")));
        Assert.Equal("", Indicator(cut));
    }

    [Fact]
    public async Task AWriterWhoStopsWithoutSendingRunsOut()
    {
        var time = new FakeTimeProvider();
        await using var ctx = ChatTestContext.Create(s => s.AddSingleton<TimeProvider>(time));
        var cut = OpenLobby(ctx);

        await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Bob", "", MessageKind.Typing, Origin: "bob"));
        cut.WaitForAssertion(() => Assert.Equal("Bob is typing…", Indicator(cut)));

        time.Advance(TypingWriters.Lifetime);
        cut.WaitForAssertion(() => Assert.Equal("", Indicator(cut)));
    }

    [Fact]
    public async Task WritingOnThePageSignalsTheRoomButThePageNeverShowsItself()
    {
        await using var ctx = ChatTestContext.Create();
        var bus = ctx.Bus();
        var cut = OpenLobby(ctx);
        // In after the page, so the page's coming is not among what it hears.
        var listener = new Bus.TestMember("listener", withEvents: true);
        await bus.GroupAddAsync("lobby", listener);

        await cut.InvokeAsync(() => cut.Find("[data-testid=message-input]").Input("hel"));

        var signal = await listener.ReceiveAsync();
        Assert.Equal(MessageKind.Typing, signal.Kind);
        Assert.StartsWith("guest-", signal.Sender);
        // The page got its own signal back before this line, and showed nobody for it.
        await bus.GroupSendAsync("lobby", new MessageDraft("Grace", "after the signal"));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=message] .text"), e => e.TextContent == "after the signal"));
        Assert.Equal("", Indicator(cut));
    }

    private static IRenderedComponent<Room> OpenLobby(BunitContext ctx)
    {
        var cut = ctx.Render<Room>(p => p.Add(x => x.Group, "lobby"));
        cut.WaitForAssertion(() => Assert.Equal("connected", cut.Find("[data-testid=connection-status]").GetAttribute("data-status")));
        return cut;
    }

    private static string Indicator(IRenderedComponent<Room> cut) => cut.Find("[data-testid=typing-indicator]").TextContent;
}
