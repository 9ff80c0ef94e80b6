using System.Threading.Channels;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Bus;

/// <summary>A member that records what it gets, for the bus's tests.</summary>
internal sealed class TestMember(string id) : IGroupMember
{
    private readonly Channel<ChatMessage> _received = Channel.CreateUnbounded<ChatMessage>();

    public string Id { get; } = id;

    public bool TryDeliver(ChatMessage message) => _received.Writer.TryWrite(message);

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

/// <summary>A member with a real bounded outbox that nobody drains: the slowest reader there is.</summary>
internal sealed class StalledMember(int capacity) : IGroupMember
{
    public string Id => "stalled";

    public MemberOutbox Outbox { get; } = new(capacity);

    public bool TryDeliver(ChatMessage message) => Outbox.TryEnqueue(message);
}
