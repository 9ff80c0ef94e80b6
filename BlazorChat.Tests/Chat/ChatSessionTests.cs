using BlazorChat.Presence;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace BlazorChat.Tests.Chat;

/// <summary>The per-circuit session, in the real app's container: joins, leaves, and what it leaves behind.</summary>
public abstract class ChatSessionTests(IChatProvider provider) : ProviderTests(provider)
{

    [ServerFact]
    public async Task AHundredSessionsOpenedAndEndedLeaveNoMemberAndNoSubscription()
    {
        await using var server = await StartServerAsync();
        var bus = server.Get<IGroupBus>();
        var scopes = new List<AsyncServiceScope>();
        for (int i = 0; i < 100; i++)
        {
            var scope = server.Services.CreateAsyncScope();
            scopes.Add(scope);
            Assert.True(await scope.ServiceProvider.GetRequiredService<ChatSession>().JoinAsync($"room{i % 10}", $"user{i}"));
        }

        Assert.Equal(10, bus.CountLocalGroups());
        Assert.Equal(10, bus.CountLocalMembers("room3"));

        // Ending a circuit disposes its scope, and with it the session.
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }

        Assert.Equal(0, bus.CountLocalGroups());
        Assert.Equal(0, await Provider.CountSubscriptionsAsync(Prefix));
    }

    [ServerFact]
    public async Task APageThatFallsBehindIsDroppedWithAReasonAndTheRoomGoesOn()
    {
        await using var server = await StartServerAsync(new Dictionary<string, string?> { ["Bus:OutboundQueueLength"] = "4" });
        var bus = server.Get<IGroupBus>();
        await using var scope = server.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();
        var stuck = new TaskCompletionSource();
        session.MessageReceived += _ => stuck.Task;   // a renderer that never catches up
        var reader = new TestMember("reader");
        await session.JoinAsync("busy", "slowpoke");
        await bus.GroupAddAsync("busy", reader);

        for (int i = 0; i < 20; i++)
        {
            await bus.GroupSendAsync("busy", new MessageDraft("talker", $"{i}"));
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i}"), await reader.ReceiveTextsAsync(20));
        await Wait.ForStatusAsync(session, SessionStatus.Dropped, "the slow page was dropped");
        Assert.Contains("fell too far behind", session.State.Detail);
        Assert.Equal(1, bus.CountLocalMembers("busy"));
        stuck.SetResult();
    }

    [ServerFact]
    public async Task SendingIsRefusedWithAReasonWhenNotInARoomOrTextIsBad()
    {
        await using var server = await StartServerAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();

        Assert.Contains("Connect", (await session.SendAsync("hello")).Error);
        await session.JoinAsync("lobby", "ada");
        Assert.False((await session.SendAsync("  ")).Sent);
        Assert.Contains("limit", (await session.SendAsync(new string('x', 5000))).Error);
        Assert.True((await session.SendAsync("fine")).Sent);
    }

    [ServerFact]
    public async Task RetryingTheSameTextAfterALostAnswerReachesTheRoomOnceAndSayingItAgainLaterIsANewMessage()
    {
        LosesReplies? bus = null;
        await using var server = await StartServerAsync(services: services => bus = LosesReplies.Around(services));
        var reader = new TestMember("reader");
        await server.Get<IGroupBus>().GroupAddAsync("lobby", reader);
        await using var scope = server.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();
        await session.JoinAsync("lobby", "ada");

        // The room took it, but the page was told the bus was unavailable, so it keeps the text and tries again.
        bus!.LoseNext();
        Assert.False((await session.SendAsync("did it go?")).Sent);
        Assert.True((await session.SendAsync("did it go?")).Sent);
        // Once sent, the same words typed again are a message of their own.
        Assert.True((await session.SendAsync("did it go?")).Sent);
        Assert.True((await session.SendAsync("marker")).Sent);

        Assert.Equal(["did it go?", "did it go?", "marker"], await reader.ReceiveTextsAsync(3));
    }
}

public sealed class MemoryChatSessionTests(MemoryProvider provider) : ChatSessionTests(provider), IClassFixture<MemoryProvider>;

[Requires(RedisServer.Executable)]
public sealed class RedisChatSessionTests(RedisProvider redis) : ChatSessionTests(redis), IClassFixture<RedisProvider>
{
    [ServerFact]
    public async Task AfterItsInstanceLosesRedisAPageCatchesUpOnWhatOthersSaidMeanwhile()
    {
        var server = await redis.GetServerAsync();
        // This instance reaches Redis through a path that can be cut; the rest of the world cannot.
        await using var path = new TcpProxy(new Uri($"http://{server.ConnectionString}"));
        await using var app = ChatServer.StartOnRedis(server, Prefix, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"{path.BaseUri.Host}:{path.BaseUri.Port},connectTimeout=1000",
        });
        var otherInstance = (await StartCoreAsync()).Bus;
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();
        var shown = new List<string>();
        session.MessageReceived += m => { lock (shown) { shown.Add(m.Text); } return Task.CompletedTask; };
        Assert.True(await session.JoinAsync("partition", "ada"));
        await otherInstance.GroupSendAsync("partition", new MessageDraft("grace", "before"));
        await Wait.UntilAsync(() => { lock (shown) { return shown.Contains("before"); } }, "the page heard the room");

        path.Pause();
        await Wait.ForStatusAsync(session, SessionStatus.BusDown, "the page saw its bus go down");
        await otherInstance.GroupSendAsync("partition", new MessageDraft("grace", "missed 1"));
        await otherInstance.GroupSendAsync("partition", new MessageDraft("grace", "missed 2"));
        path.Resume();

        await Wait.ForStatusAsync(session, SessionStatus.Connected, "the page's bus came back");
        await otherInstance.GroupSendAsync("partition", new MessageDraft("grace", "after"));
        await Wait.UntilAsync(() => { lock (shown) { return shown.Contains("after"); } }, "live messages flow again");
        List<string> said;
        lock (shown)
        {
            said = [.. shown.Where(t => t is "before" or "missed 1" or "missed 2" or "after")];
        }

        Assert.Equal(["before", "missed 1", "missed 2", "after"], said);

        // The page that rejoined quietly still leaves for good: it is no longer listed.
        await session.LeaveAsync();
        Assert.DoesNotContain(await app.Get<RoomPresence>().MembersAsync("partition"), m => m.Name == "ada");
    }

    [ServerFact]
    public async Task TheStatusSaysWhenRedisIsGoneAndWhenItIsBack()
    {
        // A Redis of its own, since this test stops it.
        await using var own = await RedisServer.StartAsync();
        await using var app = ChatServer.StartOnRedis(own, Prefix);
        await using var scope = app.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();
        var received = new List<string>();
        session.MessageReceived += m => { lock (received) { received.Add(m.Text); } return Task.CompletedTask; };
        Assert.True(await session.JoinAsync("outage", "ada"));
        Assert.Equal(SessionStatus.Connected, session.State.Status);

        await own.StopAsync();
        await Wait.ForStatusAsync(session, SessionStatus.BusDown, "the session saw the bus go down");
        Assert.Contains("unavailable", session.State.Detail);
        var refused = await session.SendAsync("during the outage");
        Assert.False(refused.Sent);
        Assert.Contains("Your text is kept", refused.Error);

        await own.StartAgainAsync();
        await Wait.ForStatusAsync(session, SessionStatus.Connected, "the session saw the bus come back");
        await Wait.UntilAsync(async () => (await session.SendAsync("after the outage")).Sent, "a send went through again");
        await Wait.UntilAsync(() => { lock (received) { return received.Contains("after the outage"); } }, "the resubscribed room delivered again");
        Assert.DoesNotContain("during the outage", received);
    }
}

[Requires(RedisServer.Executable)]
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterChatSessionTests(RedisClusterProvider cluster) : ChatSessionTests(cluster);
