using System.Threading.Channels;
using BlazorChat.Bus;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using Microsoft.Extensions.Options;

namespace BlazorChat.Admin;

/// <summary>
/// Keeps this instance's snapshot in the directory (<see cref="IConnectionSnapshots"/>) for the
/// other instances' consoles: written at start, within a second of each change of its
/// connections or once the app has started (which gives the instance its full name), and at least
/// once a presence heartbeat interval, so it never expires while the instance lives; withdrawn at
/// a clean shutdown.
/// </summary>
/// <remarks>Registered whatever the provider; a directory of one instance has nothing to publish, and it returns at once.</remarks>
internal sealed class ConnectionSnapshotPublisher(
    IConnectionDirectory directory,
    LocalConnections connections,
    InstanceIdentity instance,
    IOptions<AdminOptions> admin,
    IOptions<PresenceOptions> presence,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ConnectionSnapshotPublisher> logger) : BackgroundService
{
    /// <summary>However busy the instance, it writes its snapshot at most this often.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    // One pending "something changed" is all it needs: the snapshot is taken when written.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (directory is not IConnectionSnapshots snapshots)
        {
            return;
        }

        connections.Changed += OnChanged;
        using var started = lifetime.ApplicationStarted.Register(OnChanged);
        try
        {
            var beat = presence.Value.HeartbeatInterval;
            while (!stoppingToken.IsCancellationRequested)
            {
                // Taken before the write, so a change during the write is written next time.
                _changes.Reader.TryRead(out _);
                try
                {
                    await snapshots.PublishAsync(
                        InstanceConnections.Of(instance, connections, admin.Value.ListedConnectionsPerInstance, time.GetUtcNow()), stoppingToken);
                }
                catch (BusUnavailableException ex)
                {
                    AdminLog.SnapshotFailed(logger, ex);
                }

                await Task.Delay(MinimumGap, time, stoppingToken);
                await WaitForChangeAsync(beat - MinimumGap, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            connections.Changed -= OnChanged;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (directory is not IConnectionSnapshots snapshots)
        {
            return;
        }

        try
        {
            await snapshots.WithdrawAsync(cancellationToken);
        }
        catch (BusUnavailableException ex)
        {
            // It expires by itself within the instance timeout.
            AdminLog.SnapshotFailed(logger, ex);
        }
    }

    private void OnChanged() => _changes.Writer.TryWrite(true);

    /// <summary>Returns once the connections changed, or once <paramref name="most"/> has passed.</summary>
    private async Task WaitForChangeAsync(TimeSpan most, CancellationToken stoppingToken)
    {
        using var timer = new CancellationTokenSource(most > TimeSpan.Zero ? most : TimeSpan.Zero, time);
        using var due = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await _changes.Reader.WaitToReadAsync(due.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The beat is due.
        }
    }
}
