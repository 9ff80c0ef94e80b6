namespace BlazorChat.Components.Chat;

/// <summary>
/// A read that many callers ask for but that runs once at a time, and no sooner than a pause after
/// the last one: whoever asks while a read is under way (or waiting out the pause) only leaves word
/// for one more read after it, which sees everything they asked for. A burst of requests (a crowd
/// arriving in a room) thus costs two reads, not one per request.
/// </summary>
/// <param name="read">The read itself; its exceptions reach whoever's request started it.</param>
/// <param name="pause">The least time from the start of one read to the start of the next.</param>
/// <param name="stopped">Cancelled when the owner goes away; a read waiting out the pause then ends quietly.</param>
internal sealed class PacedRead(Func<Task> read, TimeSpan pause, TimeProvider time, CancellationToken stopped)
{
    // None under way; one under way (or waiting out the pause); one under way and another wanted
    // once it is done. Only the reader leaves the last two states.
    private const int Idle = 0, Reading = 1, ReadAgain = 2;

    private int _state;
    private long? _lastStarted;

    /// <summary>Reads now, or leaves word for the read under way to go once more; completes when this caller's part is done.</summary>
    public async Task RequestAsync()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == ReadAgain)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, state == Idle ? Reading : ReadAgain, state) == state)
            {
                if (state == Reading)
                {
                    return;
                }

                break;
            }
        }

        try
        {
            do
            {
                if (_lastStarted is { } last && pause - time.GetElapsedTime(last) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, time, stopped);
                }

                // What was asked for until now, this read sees.
                Volatile.Write(ref _state, Reading);
                _lastStarted = time.GetTimestamp();
                await read();
            }
            while (Interlocked.CompareExchange(ref _state, Idle, Reading) != Reading);
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            // The owner went away.
        }
        catch
        {
            Volatile.Write(ref _state, Idle);
            throw;
        }
    }
}
