using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.JSInterop;

namespace BlazorChat.Components.Handover;

/// <summary>One circuit as <see cref="PageHandover"/> knows it: open or not, and how to ask its page to move.</summary>
internal sealed class PageHandoverCircuitHandler(PageHandover handover, IJSRuntime js, ILogger<PageHandoverCircuitHandler> logger) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        handover.Opened(this);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        handover.Closed(this);
        return Task.CompletedTask;
    }

    /// <summary>Asks the page to pause and resume elsewhere; it answers at once and moves by itself.</summary>
    public void AskToMove() => _ = AskAsync();

    private async Task AskAsync()
    {
        try
        {
            await js.InvokeVoidAsync("blazorChat.handOver");
        }
        catch (Exception ex) when (ex is JSDisconnectedException or JSException or TaskCanceledException)
        {
            // The page went away meanwhile, or cannot move: the stop drops it, as without a handover.
            PageHandoverLog.NotAsked(logger, ex);
        }
    }
}
