using BlazorChat.Chat;
using BlazorChat.Presence;
using BlazorChat.Tests.Components;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Sidebar;

/// <summary>The sidebar's counters on Redis: a message sent through another instance counts, and the counter is in nobody's member list there either.</summary>
[Requires(RedisServer.Executable)]
public sealed class UnreadCountsOnRedisTests(RedisProvider redis) : IClassFixture<RedisProvider>
{
    [ServerFact]
    public async Task AMessageSentThroughAnotherInstanceCountsInTheSidebar()
    {
        var settings = TestServices.OnRedis((await redis.GetServerAsync()).ConnectionString, TestServices.UniquePrefix());
        await using var ctx = ChatTestContext.Create(settings: settings);
        await using var other = ChatCore.Start(settings);
        var (_, sidebar) = await RoomSidebarTests.OpenAsync(ctx, "lobby", "kitchen");

        await other.Bus.GroupSendAsync("lobby", new MessageDraft("Grace", "from the other instance"));

        sidebar.WaitForAssertion(() => Assert.Equal("1", RoomSidebarTests.Link(sidebar, "lobby").QuerySelector("[data-testid=unread-count]")?.TextContent));
        Assert.Empty(await other.Presence.MembersAsync("lobby"));
        Assert.Empty(await ctx.Services.GetRequiredService<RoomPresence>().MembersAsync("lobby"));
    }
}
