using BlazorChat.Chat;
using BlazorChat.Components.Chat;
using Bunit;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Components;

/// <summary>The line under the pane that says who is writing, fed the room's signals on a fake clock.</summary>
public sealed class TypingIndicatorTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData("")]
    [InlineData("Ada is typing…", "Ada")]
    [InlineData("Ada and Bob are typing…", "Ada", "Bob")]
    [InlineData("3 people are typing…", "Ada", "Bob", "Grace")]
    public async Task SaysWhoIsWritingInOneLine(string expected, params string[] names)
    {
        await using var ctx = ChatTestContext.Create();
        using var writers = new TypingWriters(_time, _ => false);
        var cut = ctx.Render<TypingIndicator>(p => p.Add(x => x.Writers, writers));

        foreach (var name in names)
        {
            writers.Observe(Typing(name));
        }

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find("[data-testid=typing-indicator]").TextContent));
        Assert.Equal("polite", cut.Find("[data-testid=typing-indicator]").GetAttribute("aria-live"));
    }

    [Fact]
    public async Task PastTheLimitItSaysManyPeopleAreTyping()
    {
        await using var ctx = ChatTestContext.Create();
        using var writers = new TypingWriters(_time, _ => false);
        var cut = ctx.Render<TypingIndicator>(p => p.Add(x => x.Writers, writers));

        for (int i = 0; i <= TypingWriters.MaxTracked; i++)
        {
            writers.Observe(Typing($"guest{i}"));
        }

        cut.WaitForAssertion(() => Assert.Equal("Many people are typing…", cut.Find("[data-testid=typing-indicator]").TextContent));
    }

    [Fact]
    public async Task ClearsItselfWhenTheWriterRunsOut()
    {
        await using var ctx = ChatTestContext.Create();
        using var writers = new TypingWriters(_time, _ => false);
        var cut = ctx.Render<TypingIndicator>(p => p.Add(x => x.Writers, writers));
        writers.Observe(Typing("Ada"));
        cut.WaitForAssertion(() => Assert.Equal("Ada is typing…", cut.Find("[data-testid=typing-indicator]").TextContent));

        _time.Advance(TypingWriters.Lifetime);

        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("[data-testid=typing-indicator]").TextContent));
    }

    // Each name its own guest, as two pages under one name would be.
    private ChatMessage Typing(string name) =>
        new MessageDraft(name, "", MessageKind.Typing, Origin: Guid.NewGuid().ToString("N")).ToMessage("", "lobby", _time.GetUtcNow());
}
