using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Bus;

public sealed class MemoryGroupBusTests(MemoryProvider provider) : GroupBusSpecificationTests(provider), IClassFixture<MemoryProvider>
{
    [Fact]
    public async Task ARoomRemembersAtMostHistoryLengthKeysTheOldestForgottenFirst()
    {
        var bus = (await StartCoreAsync(new Dictionary<string, string?> { ["History:Length"] = "3" })).Bus;
        var member = new TestMember("1");
        await bus.GroupAddAsync("lobby", member);

        // A sender inventing keys pushes the oldest out; the set never grows past its bound.
        foreach (var key in new[] { "k0", "k1", "k2", "k3", "k0", "k3" })
        {
            await bus.GroupSendAsync("lobby", new MessageDraft("ada", key, Key: key));
        }

        Assert.Equal(["k0", "k1", "k2", "k3", "k0"], await member.ReceiveTextsAsync(5));
        await bus.GroupSendAsync("lobby", new MessageDraft("ada", "marker"));
        Assert.Equal("marker", (await member.ReceiveAsync()).Text);
    }

    /// <summary>The memory bus keeps time by the app's TimeProvider, here the fake clock.</summary>
    protected override Task LetTheKeyExpireAsync(FakeTimeProvider time, string group, string key, TimeSpan ttl)
    {
        time.Advance(ttl);
        return Task.CompletedTask;
    }
}
