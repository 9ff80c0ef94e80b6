using System.Threading.Channels;
using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>
/// A member's bounded outbound queue, filled by the bus and drained by the member's own writer.
/// When it is full the member has fallen too far behind its room: the outbox closes itself with
/// <see cref="DisconnectReason.SlowConsumer"/> rather than grow or silently skip messages.
/// </summary>
public sealed class MemberOutbox
{
    private readonly Channel<ChatMessage> _queue;
    private readonly TaskCompletionSource<DisconnectReason> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;

    public MemberOutbox(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _queue = Channel.CreateBounded<ChatMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            // Wait makes TryWrite answer false when full instead of dropping anything.
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<ChatMessage> Reader => _queue.Reader;

    /// <summary>Completes with the reason once the outbox is closed.</summary>
    public Task<DisconnectReason> Closed => _closed.Task;

    public bool IsClosed => Volatile.Read(ref _closing) != 0;

    /// <summary>
    /// True when the messages still queued should be dropped rather than sent: a slow consumer
    /// is closed at once, while any other close first delivers what was already accepted.
    /// </summary>
    public bool DiscardsBacklog => _closed.Task.IsCompleted && _closed.Task.Result == DisconnectReason.SlowConsumer;

    /// <summary>Queues a message without blocking; false when closed, or when full (which closes it).</summary>
    public bool TryEnqueue(ChatMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        Close(DisconnectReason.SlowConsumer);
        return false;
    }

    /// <summary>Stops taking messages. The first reason wins; returns whether this call closed it.</summary>
    public bool Close(DisconnectReason reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return false;
        }

        _closed.TrySetResult(reason);
        _queue.Writer.TryComplete();
        return true;
    }
}
