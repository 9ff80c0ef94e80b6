using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>
/// A member's bounded outbound queue and the loop that drains it into an <see cref="IOutboxWriter"/>.
/// <para>
/// When the queue is full the member has fallen too far behind its room: the outbox closes itself
/// with <see cref="DisconnectReason.SlowConsumer"/> rather than grow or silently skip messages.
/// </para>
/// <para>
/// There is no long-lived writer task. Whoever enqueues into an idle outbox drains it on the spot,
/// until the queue is empty or a write has to wait (the socket's buffers are full); the wait's
/// continuation then carries on. A fan-out thus writes straight to every member that can take it
/// at once, and a member that cannot never holds it up. This also keeps the thread pool's
/// scheduling out of delivery order: writers woken through a queue can starve behind readers.
/// </para>
/// <para>
/// It also paces the member's own sending (<see cref="WaitForRoomAsync"/>): a member whose outbox
/// is more than half full is not read from until it drains, so a member cannot add to its room
/// faster than it takes in the room's traffic.
/// </para>
/// </summary>
public sealed class MemberOutbox
{
    private readonly ConcurrentQueue<ChatMessage> _queue = new();
    private readonly IOutboxWriter _writer;
    private readonly int _capacity;
    private readonly int _resumeAt;
    private readonly TaskCompletionSource<DisconnectReason> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private TaskCompletionSource? _roomAvailable;
    private IReadOnlyList<ChatMessage>? _prefix;
    private MessageId? _skipUpTo;
    private int _count;
    private int _closing;
    private int _started;
    private int _draining;

    public MemberOutbox(int capacity, IOutboxWriter writer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(writer);
        _capacity = capacity;
        _resumeAt = capacity / 2;
        _writer = writer;
    }

    /// <summary>Messages waiting to be written.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Completes with the reason once the outbox is closed.</summary>
    public Task<DisconnectReason> Closed => _closed.Task;

    /// <summary>Completes (never faults) once the writer has been closed or has failed: nothing more will be written.</summary>
    public Task Completed => _completed.Task;

    public bool IsClosed => Volatile.Read(ref _closing) != 0;

    /// <summary>
    /// True when the messages still queued should be dropped rather than written: a slow consumer
    /// is closed at once, while any other close first delivers what was already accepted.
    /// </summary>
    private bool DiscardsBacklog => _closed.Task.IsCompleted && _closed.Task.Result == DisconnectReason.SlowConsumer;

    /// <summary>Queues a message without blocking and starts writing it; false when closed, or when full (which closes it).</summary>
    public bool TryEnqueue(ChatMessage message)
    {
        if (!TryQueue(message))
        {
            return false;
        }

        Drain();
        return true;
    }

    /// <summary>
    /// Queues a message without writing it yet; <see cref="Flush"/> then writes what is queued.
    /// Lets a fan-out queue a message for a whole room in order first, and share the writing out.
    /// </summary>
    public bool TryQueue(ChatMessage message)
    {
        if (IsClosed)
        {
            return false;
        }

        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            Close(DisconnectReason.SlowConsumer);
            return false;
        }

        _queue.Enqueue(message);
        return true;
    }

    /// <summary>Writes what is queued, on this thread until a write has to wait; nothing if a write is already under way.</summary>
    public void Flush() => Drain();

    /// <summary>
    /// Starts writing: first <paramref name="prefix"/> (a welcome, history), then what was queued
    /// meanwhile and after, skipping queued messages whose id is at most <paramref name="skipUpTo"/>.
    /// </summary>
    /// <remarks>
    /// This is the seam between history and live delivery: a member joins first (so live
    /// messages queue up), its owner then reads history, and starts the outbox with that history
    /// and its newest id, so nothing falls in between and nothing comes twice.
    /// </remarks>
    public void Start(IReadOnlyList<ChatMessage>? prefix = null, MessageId? skipUpTo = null)
    {
        _prefix = prefix;
        _skipUpTo = skipUpTo;
        Volatile.Write(ref _started, 1);
        Drain();
    }

    /// <summary>
    /// Completes once the outbox is at most half full (or closed). The member's owner awaits it
    /// before reading the member's next message.
    /// </summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        if (Count <= _resumeAt || IsClosed)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            // Checked again under the lock: the drainer may have emptied it meanwhile.
            if (Count <= _resumeAt || IsClosed)
            {
                return Task.CompletedTask;
            }

            _roomAvailable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _roomAvailable.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops taking messages and has the writer closed after what is queued (or at once, for a slow
    /// consumer). The first reason wins; returns whether this call closed it.
    /// </summary>
    public bool Close(DisconnectReason reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return false;
        }

        _closed.TrySetResult(reason);
        ReleaseWaiter();
        Volatile.Write(ref _started, 1);
        Drain();
        return true;
    }

    private void Drain()
    {
        if (Volatile.Read(ref _started) != 0 && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = DrainAsync();
        }
    }

    // Runs on the caller's thread until a write has to wait. Only one runs at a time (_draining).
    private async Task DrainAsync()
    {
        try
        {
            if (Interlocked.Exchange(ref _prefix, null) is { } prefix)
            {
                foreach (var message in prefix)
                {
                    await _writer.WriteAsync(message);
                }
            }

            while (true)
            {
                while (!DiscardsBacklog && TryDequeue(out var message))
                {
                    if (_skipUpTo is { } seen && message.OrderId is { } id)
                    {
                        if (id <= seen)
                        {
                            continue;
                        }

                        // Past the seam: ids only grow from here, so there is nothing more to skip.
                        _skipUpTo = null;
                    }

                    await _writer.WriteAsync(message);
                }

                if (_closed.Task.IsCompleted)
                {
                    await _writer.CloseAsync(_closed.Task.Result);
                    _completed.TrySetResult();
                    return;
                }

                // Hand the drainer role back, then take it again if something arrived meanwhile
                // (its enqueuer saw us still draining and left it to us).
                Volatile.Write(ref _draining, 0);
                if ((_queue.IsEmpty && !_closed.Task.IsCompleted) || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The writer failed: the connection is gone and nothing more can be written. The
            // writer reports its own failures; here they only end the member.
            Close(DisconnectReason.ConnectionLost);
            _completed.TrySetResult();
        }
    }

    private bool TryDequeue([MaybeNullWhen(false)] out ChatMessage message)
    {
        if (!_queue.TryDequeue(out message))
        {
            return false;
        }

        if (Interlocked.Decrement(ref _count) <= _resumeAt && Volatile.Read(ref _roomAvailable) is not null)
        {
            ReleaseWaiter();
        }

        return true;
    }

    private void ReleaseWaiter()
    {
        lock (_gate)
        {
            _roomAvailable?.TrySetResult();
            _roomAvailable = null;
        }
    }
}
