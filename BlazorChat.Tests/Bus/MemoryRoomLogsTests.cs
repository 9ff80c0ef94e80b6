using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Bus;

/// <summary>The memory bus forgets rooms that nobody uses: no room costs memory for ever.</summary>
public sealed class MemoryRoomLogsTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    private static ChatCore Start(FakeTimeProvider time, int maxRooms = 10_000) => ChatCore.Start(
        new Dictionary<string, string?> { ["History:IdleRoomTtlSeconds"] = "60", ["History:MaxRooms"] = $"{maxRooms}" },
        services => services.AddSingleton<TimeProvider>(time));

    [Fact]
    public async Task ARoomWithNoMemberAndNoMessageForTheIdleTimeIsForgottenAndOneWithAMemberIsKept()
    {
        var time = new FakeTimeProvider();
        await using var core = Start(time);
        var logs = core.Get<MemoryRoomLogs>();
        var member = new TestMember("here");
        await core.Bus.GroupAddAsync("occupied", member);
        await core.Bus.GroupSendAsync("occupied", new MessageDraft("ada", "still here"));
        await core.Bus.GroupSendAsync("quiet", new MessageDraft("ada", "anyone?"));

        time.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.Equal(0, logs.ForgetIdle(group => core.Bus.CountLocalMembers(group) > 0));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, logs.ForgetIdle(group => core.Bus.CountLocalMembers(group) > 0));

        Assert.Empty((await core.History.ReadAsync("quiet", null, 10)).Messages);
        Assert.Null(await core.History.LastIssuedIdAsync("quiet"));
        Assert.Equal(["still here"], (await core.History.ReadAsync("occupied", null, 10)).Messages.Select(m => m.Text));
        Assert.Equal(1, logs.Count);
    }

    [Fact]
    public async Task TheAppForgetsIdleRoomsByItselfAsTimePasses()
    {
        var time = new FakeTimeProvider();
        await using var server = ChatServer.Start(
            new Dictionary<string, string?> { ["History:IdleRoomTtlSeconds"] = "60" },
            services => services.AddSingleton<TimeProvider>(time));
        var logs = server.Get<MemoryRoomLogs>();
        for (int i = 0; i < 20; i++)
        {
            await server.Get<IGroupBus>().GroupSendAsync($"passing{i}", new MessageDraft("ada", "hello?"));
        }

        Assert.Equal(20, logs.Count);
        // The sweeper's timer runs on the app's clock: each step past a check lets it run.
        await Wait.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(15));
            return logs.Count == 0;
        }, "the idle rooms were forgotten");
    }

    [Fact]
    public async Task PastTheRoomCapTheRoomIdleLongestIsForgottenFirstButNeverOneWithAMember()
    {
        var time = new FakeTimeProvider();
        await using var core = Start(time, maxRooms: 3);
        var member = new TestMember("here");
        await core.Bus.GroupAddAsync("first", member);
        foreach (var room in new[] { "first", "second", "third" })
        {
            await core.Bus.GroupSendAsync(room, new MessageDraft("ada", room));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await core.Bus.GroupSendAsync("fourth", new MessageDraft("ada", "fourth"));

        Assert.Equal(3, core.Get<MemoryRoomLogs>().Count);
        Assert.NotNull(await core.History.LastIssuedIdAsync("first"));
        Assert.Null(await core.History.LastIssuedIdAsync("second"));
        Assert.NotNull(await core.History.LastIssuedIdAsync("third"));
        Assert.NotNull(await core.History.LastIssuedIdAsync("fourth"));
    }
}
