using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Bus;

/// <summary>A member's outbox on its own, with a writer the test holds back and lets go.</summary>
public sealed class MemberOutboxTests
{
    private static ChatMessage Message(int id) => new($"{id}", "room", "ada", $"m{id}", DateTimeOffset.UnixEpoch, MessageKind.Message);

    [Fact]
    public async Task AnOrdinaryCloseWritesEverythingAlreadyQueuedThenSaysGoodbye()
    {
        var writer = new GatedWriter();
        var outbox = new MemberOutbox(16, writer);
        outbox.Start();
        for (int i = 1; i <= 5; i++)
        {
            Assert.True(outbox.TryEnqueue(Message(i)));
        }

        outbox.Close(DisconnectReason.ServerStopping);
        Assert.False(outbox.TryEnqueue(Message(6)));
        writer.Open();
        await outbox.Completed.DefaultTimeout();

        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "closed: ServerStopping"], writer.Log);
    }

    [Fact]
    public async Task ASlowConsumerIsClosedAtOnceWithoutItsBacklog()
    {
        var writer = new GatedWriter();
        var outbox = new MemberOutbox(3, writer);
        outbox.Start();
        for (int i = 1; i <= 4; i++)
        {
            Assert.True(outbox.TryEnqueue(Message(i)));   // one in the writer's hands, three queued
        }

        Assert.False(outbox.TryEnqueue(Message(5)));
        Assert.Equal(DisconnectReason.SlowConsumer, await outbox.Closed.DefaultTimeout());
        writer.Open();
        await outbox.Completed.DefaultTimeout();

        Assert.Equal(["m1", "closed: SlowConsumer"], writer.Log);
    }

    [Fact]
    public async Task StartWritesItsOpeningFirstThenSkipsQueuedMessagesTheOpeningAlreadyHeld()
    {
        var writer = new GatedWriter();
        writer.Open();
        var outbox = new MemberOutbox(16, writer);
        for (int i = 3; i <= 6; i++)
        {
            outbox.TryEnqueue(Message(i));   // live messages that arrived while history was read
        }

        outbox.Start([Message(1), Message(2), Message(3), Message(4)], skipUpTo: new MessageId(4, 0));
        outbox.Close(DisconnectReason.ClientClosed);
        await outbox.Completed.DefaultTimeout();

        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6", "closed: ClientClosed"], writer.Log);
    }

    [Fact]
    public async Task AMemberMoreThanHalfBehindWaitsForRoomBeforeItIsReadAgain()
    {
        var writer = new GatedWriter();
        var outbox = new MemberOutbox(8, writer);
        outbox.Start();
        for (int i = 1; i <= 7; i++)
        {
            outbox.TryEnqueue(Message(i));   // one being written, six queued: more than half of eight
        }

        var room = outbox.WaitForRoomAsync(CancellationToken.None);
        Assert.False(room.IsCompleted);
        writer.Open();
        await room.DefaultTimeout();
    }

    /// <summary>Writes nothing until opened; records what it wrote.</summary>
    private sealed class GatedWriter : IOutboxWriter
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Log { get; } = [];

        public void Open() => _gate.TrySetResult();

        public async ValueTask WriteAsync(ChatMessage message)
        {
            await _gate.Task;
            Log.Add(message.Text);
        }

        public ValueTask CloseAsync(DisconnectReason reason)
        {
            Log.Add($"closed: {reason}");
            return ValueTask.CompletedTask;
        }
    }
}
