using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Chat;

/// <summary>A page whose queue overflows while it reads the room's history on joining is told so, never left deaf.</summary>
public sealed class DeafJoinTests
{
    [Fact]
    public async Task APageThatOverflowsWhileReadingHistoryIsDroppedNotShownConnected()
    {
        await using var core = ChatCore.Start(
            new Dictionary<string, string?> { ["Bus:OutboundQueueLength"] = "4" },
            services => services.AddSingleton<IRoomHistory>(sp => new BusyWhileReading(sp.GetRequiredService<IGroupBus>(), new MemoryRoomHistory(sp.GetRequiredService<MemoryRoomLogs>()))));
        await using var scope = core.Get<IServiceProvider>().CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();

        Assert.False(await session.JoinAsync("busy", "slowpoke"));

        Assert.Equal(SessionStatus.Dropped, session.State.Status);
        Assert.Contains("fell too far behind", session.State.Detail);
        Assert.Equal(0, core.Bus.CountLocalMembers("busy"));
    }

    /// <summary>A history whose read takes long enough for the room to say more than a page's queue holds.</summary>
    private sealed class BusyWhileReading(IGroupBus bus, IRoomHistory history) : IRoomHistory
    {
        public async Task<RoomHistory> ReadAsync(string group, MessageId? after, int limit, CancellationToken cancellationToken = default)
        {
            for (int i = 0; i < 10; i++)
            {
                await bus.GroupSendAsync(group, new MessageDraft("talker", $"{i}"), cancellationToken);
            }

            return await history.ReadAsync(group, after, limit, cancellationToken);
        }

        public Task<IReadOnlyList<ChatMessage>> ReadBeforeAsync(string group, MessageId before, int limit, CancellationToken cancellationToken = default) =>
            history.ReadBeforeAsync(group, before, limit, cancellationToken);

        public Task<ChatMessage?> FindAsync(string group, MessageId id, CancellationToken cancellationToken = default) =>
            history.FindAsync(group, id, cancellationToken);

        public Task<MessageId?> LastIssuedIdAsync(string group, CancellationToken cancellationToken = default) =>
            history.LastIssuedIdAsync(group, cancellationToken);
    }
}
