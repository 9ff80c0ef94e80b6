using BlazorChat.Chat;
using BlazorChat.Components.Chat;
using Bunit;

namespace BlazorChat.Tests.Components;

public sealed class MessageInputTests
{
    private readonly List<string> _sent = [];

    private Task<SendResult> Accept(string text)
    {
        _sent.Add(text);
        return Task.FromResult(SendResult.Ok);
    }

    [Fact]
    public async Task SubmittingSendsTheTextAndClearsTheBox()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessageInput>(p => p.Add(x => x.OnSend, Accept));

        cut.Find("input").Input("hello there");
        cut.Find("form").Submit();

        Assert.Equal(["hello there"], _sent);
        Assert.Equal("", cut.Find("input").GetAttribute("value"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public async Task BlankTextIsNotSent(string text)
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessageInput>(p => p.Add(x => x.OnSend, Accept));

        cut.Find("input").Input(text);
        cut.Find("form").Submit();

        Assert.Empty(_sent);
    }

    [Fact]
    public async Task TextOverTheLimitIsRefusedWithAnExplanationAndStaysInTheBox()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessageInput>(p => p.Add(x => x.OnSend, Accept).Add(x => x.MaxBytes, 10));

        cut.Find("input").Input("ééééé!"); // 11 bytes of UTF-8 in 6 characters
        cut.Find("form").Submit();

        Assert.Empty(_sent);
        Assert.Contains("11 bytes; the limit is 10 bytes", cut.Markup);
        Assert.Equal("ééééé!", cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task ARefusalFromTheRoomIsShownAndTheTextKept()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessageInput>(p => p.Add(x => x.OnSend, _ => Task.FromResult(SendResult.Refused("Not sent: the bus is down."))));

        cut.Find("input").Input("important");
        cut.Find("form").Submit();

        Assert.Contains("Not sent: the bus is down.", cut.Markup);
        Assert.Equal("important", cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task DisabledInputSendsNothing()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MessageInput>(p => p.Add(x => x.OnSend, Accept).Add(x => x.Disabled, true));

        Assert.True(cut.Find("input").HasAttribute("disabled"));
        cut.Find("form").Submit();
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task WritingRaisesOnTypingForEachChangeThatLeavesText()
    {
        await using var ctx = ChatTestContext.Create();
        int typed = 0;
        var cut = ctx.Render<MessageInput>(p => p.Add(x => x.OnSend, Accept).Add(x => x.OnTyping, () => typed++));

        cut.Find("input").Input("h");
        cut.Find("input").Input("hi");
        Assert.Equal(2, typed);

        // Emptying the box, blanks, a send, and the parent rendering it again are not writing.
        cut.Find("input").Input("");
        cut.Find("input").Input("  ");
        cut.Find("input").Input("hi");
        cut.Find("form").Submit();
        cut.Render(p => p.Add(x => x.Disabled, false));
        Assert.Equal(3, typed);
        Assert.Equal(["hi"], _sent);
    }
}
