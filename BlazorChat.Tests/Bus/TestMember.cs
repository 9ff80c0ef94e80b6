using System.Threading.Channels;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Bus;

/// <summary>
/// A member that records what it gets, for the bus's tests. It passes over the room's join and
/// leave events and typing signals (a page signals as text is written into it) unless asked for
/// them, so tests count only what was said.
/// </summary>
internal sealed class TestMember(string id, bool withEvents = false) : IGroupMember
{
    private readonly Channel<ChatMessage> _received = Channel.CreateUnbounded<ChatMessage>();

    public string Id { get; } = id;

    public bool TryDeliver(ChatMessage message) =>
        (withEvents || message.Kind is not (MessageKind.Join or MessageKind.Leave or MessageKind.Typing)) ? _received.Writer.TryWrite(message) : true;

    public Task<ChatMessage> ReceiveAsync() => _received.Reader.ReadAsync().AsTask().DefaultTimeout();

    public async Task<List<string>> ReceiveTextsAsync(int count)
    {
        var texts = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            texts.Add((await ReceiveAsync()).Text);
        }

        return texts;
    }

    /// <summary>Whether anything arrived that was not read yet.</summary>
    public bool HasPending => _received.Reader.TryPeek(out _);
}

/// <summary>A member whose delivery always throws.</summary>
internal sealed class ThrowingMember : IGroupMember
{
    public string Id => "throwing";

    public bool TryDeliver(ChatMessage message) => throw new InvalidOperationException("this member is broken");
}

/// <summary>A member with a real bounded outbox whose writer never finishes a write: the slowest reader there is.</summary>
internal sealed class StalledMember : IGroupMember, IOutboxWriter
{
    public StalledMember(int capacity)
    {
        Outbox = new MemberOutbox(capacity, this);
        Outbox.Start();
    }

    public string Id => "stalled";

    public MemberOutbox Outbox { get; }

    public bool TryDeliver(ChatMessage message) => Outbox.TryEnqueue(message);

    ValueTask IOutboxWriter.WriteAsync(ChatMessage message) => new(new TaskCompletionSource().Task);

    ValueTask IOutboxWriter.CloseAsync(DisconnectReason reason) => ValueTask.CompletedTask;
}

/// <summary>
/// A member with a real outbox whose writes finish at once into a channel, as a socket with room
/// in its buffers does: the bus's own queueing and writing are what is under test.
/// </summary>
internal sealed class QueuedMember : IGroupMember, IOutboxWriter
{
    private readonly Channel<ChatMessage> _written = Channel.CreateUnbounded<ChatMessage>();

    public QueuedMember(string id, int capacity = 1024)
    {
        Id = id;
        Outbox = new MemberOutbox(capacity, this);
        Outbox.Start();
    }

    public string Id { get; }

    public MemberOutbox Outbox { get; }

    public bool TryDeliver(ChatMessage message) => Outbox.TryEnqueue(message);

    public bool TryQueue(ChatMessage message) => Outbox.TryQueue(message);

    public void Flush() => Outbox.Flush();

    public Task<ChatMessage> ReceiveAsync() => _written.Reader.ReadAsync().AsTask().DefaultTimeout();

    ValueTask IOutboxWriter.WriteAsync(ChatMessage message)
    {
        _written.Writer.TryWrite(message);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutboxWriter.CloseAsync(DisconnectReason reason) => ValueTask.CompletedTask;
}
