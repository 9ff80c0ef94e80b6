using BlazorChat.Admin;
using BlazorChat.Bus;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorChat.Components.Pages;

/// <summary>
/// The admin console: once signed in (with the key, per circuit, a reload asks again; or as an
/// account in the <c>Admin</c> role, at once), it reads the rooms, every instance's connections
/// and this instance's counters every second.
/// </summary>
public sealed partial class AdminPage
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private bool _signedIn;
    private ChatTotals? _totals;
    private MessageRates _rates;
    private IReadOnlyList<RoomSummary> _rooms = [];
    private InstanceConnections _own = null!;
    private IReadOnlyList<InstanceConnections> _others = [];
    private bool _othersUnavailable;
    private DateTimeOffset _readAt;

    [Inject] private AdminConsole Admin { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null && (await Authentication).User.IsInRole(Accounts.AccountsServiceCollectionExtensions.AdminRole))
        {
            await OnSignedIn();
        }
    }

    private async Task OnSignedIn()
    {
        _signedIn = true;
        await ReadAsync();
        _ = KeepFreshAsync(_stop.Token);
    }

    private async Task KeepFreshAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Refresh, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await InvokeAsync(async () =>
                {
                    await ReadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    private async Task ReadAsync()
    {
        var now = Time.GetUtcNow();
        var totals = Admin.Totals();
        if (_totals is not null)
        {
            _rates = MessageRates.Between(_totals, totals, now - _readAt);
        }

        (_totals, _readAt) = (totals, now);
        _own = Admin.OwnConnections();
        try
        {
            _rooms = await Admin.RoomsAsync(_stop.Token);
        }
        catch (BusUnavailableException)
        {
            // The rooms stay as last read; the local figures above are still true.
        }

        try
        {
            _others = await Admin.OtherInstancesAsync(_stop.Token);
            _othersUnavailable = false;
        }
        catch (BusUnavailableException)
        {
            // As with the rooms, but said: the page warns that these lists are old.
            _othersUnavailable = true;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
