using BlazorChat.Rooms;

namespace BlazorChat.WebSockets;

/// <summary>
/// A socket's sends that the bus has not answered yet. On Redis a send is a round trip; waiting
/// for each before reading the next message would cap a client at one message per round trip,
/// so up to <see cref="MaxInFlight"/> go out back to back. The bus issues them in the order they
/// are made, and Redis runs them in that order, so each sender's order holds. Each is still
/// answered as soon as the bus answers it: one refused gets its sender an <c>[error]</c> notice.
/// </summary>
internal sealed class PendingSends(Action<SendOutcome> onRefused)
{
    public const int MaxInFlight = 32;

    // Made at the first send the bus does not answer at once: on the memory bus never, and an
    // idle socket (most of them) carries none.
    private SemaphoreSlim? _slots;

    /// <summary>Takes a send just made; waits only while <see cref="MaxInFlight"/> are unanswered.</summary>
    public async ValueTask AddAsync(ValueTask<SendOutcome> send)
    {
        if (send.IsCompletedSuccessfully)
        {
            Answer(send.Result);
            return;
        }

        _slots ??= new SemaphoreSlim(MaxInFlight, MaxInFlight);
        await _slots.WaitAsync();
        _ = AnswerAsync(_slots, send.AsTask());
    }

    /// <summary>Waits until every send is answered, so that nothing the client sent is outrun by its leaving.</summary>
    public async Task DrainAsync()
    {
        if (_slots is null)
        {
            return;
        }

        for (int i = 0; i < MaxInFlight; i++)
        {
            await _slots.WaitAsync();
        }

        _slots.Release(MaxInFlight);
    }

    private void Answer(SendOutcome outcome)
    {
        if (outcome != SendOutcome.Sent)
        {
            onRefused(outcome);
        }
    }

    private async Task AnswerAsync(SemaphoreSlim slots, Task<SendOutcome> send)
    {
        try
        {
            Answer(await send);
        }
        catch (OperationCanceledException)
        {
            // The connection was aborted while the bus was still taking the message: nobody is
            // left to tell, and the disconnect is counted with its reason.
        }
        finally
        {
            slots.Release();
        }
    }
}
