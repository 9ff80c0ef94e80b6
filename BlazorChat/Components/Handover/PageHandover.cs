using System.Collections.Concurrent;
using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.Components.Handover;

/// <summary>
/// A graceful stop hands this instance's open pages to another one instead of dropping them:
/// each page is asked to pause its circuit (<c>Blazor.pauseCircuit()</c>, which hands the page's
/// persisted state to the browser) and to resume it at once, and from then on this instance takes
/// no circuit (<see cref="HandoverGate"/>), so the resume reaches an instance that still runs,
/// through the proxy. A room page comes back in its room there, caught up by id. The stop waits
/// for the pages to go, at most <see cref="PagesOptions.HandoverSeconds"/>; a page still here
/// then is dropped as before, and reloads when its reconnection finds no circuit.
/// </summary>
public sealed class PageHandover(IOptions<PagesOptions> options, IHostApplicationLifetime lifetime, ILogger<PageHandover> logger)
{
    private readonly ConcurrentDictionary<PageHandoverCircuitHandler, byte> _open = new();
    private readonly TaskCompletionSource _allGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _watchingStop;

    /// <summary>Whether this instance is stopping and hands its pages over: it takes no new circuit.</summary>
    public bool HandingOver { get; private set; }

    internal void Opened(PageHandoverCircuitHandler circuit)
    {
        _open.TryAdd(circuit, 0);
        // Registered once a circuit exists, so after SignalR's own registration, which closes every
        // connection when the stop begins: the token runs its callbacks last registered first, so
        // the pages are handed over while their connections still stand.
        if (Interlocked.Exchange(ref _watchingStop, 1) == 0)
        {
            lifetime.ApplicationStopping.Register(() => HandOverAsync().GetAwaiter().GetResult());
        }
    }

    internal void Closed(PageHandoverCircuitHandler circuit)
    {
        if (_open.TryRemove(circuit, out _) && HandingOver && _open.IsEmpty)
        {
            _allGone.TrySetResult();
        }
    }

    private async Task HandOverAsync()
    {
        var limit = TimeSpan.FromSeconds(options.Value.HandoverSeconds);
        if (limit <= TimeSpan.Zero)
        {
            return;
        }

        HandingOver = true;
        var pages = _open.Keys.ToList();
        if (pages.Count == 0)
        {
            return;
        }

        PageHandoverLog.HandingOver(logger, pages.Count);
        foreach (var page in pages)
        {
            page.AskToMove();
        }

        try
        {
            await _allGone.Task.WaitAsync(limit);
            PageHandoverLog.HandedOver(logger, pages.Count);
        }
        catch (TimeoutException)
        {
            PageHandoverLog.PagesLeft(logger, _open.Count, limit.TotalSeconds);
        }
    }
}
