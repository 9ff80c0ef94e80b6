using BlazorChat.Bus;
using Microsoft.Extensions.Options;

namespace BlazorChat.Presence;

/// <summary>
/// Keeps this instance alive in Redis's eyes and cleans up after instances that died: their
/// members are removed and each one's leaving is announced in its room.
/// </summary>
/// <remarks>Registered whatever the provider; a store without <see cref="IPresenceMaintenance"/> (the memory bus's) has nobody to tell, and it returns at once.</remarks>
internal sealed partial class PresenceHeartbeat(IPresenceStore presence, IGroupBus bus, IOptions<PresenceOptions> options, ILogger<PresenceHeartbeat> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (presence is not IPresenceMaintenance store)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        do
        {
            try
            {
                await store.HeartbeatAsync(stoppingToken);
                foreach (var (group, entry) in await store.SweepAsync(stoppingToken))
                {
                    Swept(logger, entry.Name, group);
                    await bus.GroupSendAsync(group, RoomPresence.LeaveEvent(entry), stoppingToken);
                }
            }
            catch (BusUnavailableException ex)
            {
                HeartbeatFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (presence is not IPresenceMaintenance store)
        {
            return;
        }

        try
        {
            await store.RetireAsync(cancellationToken);
        }
        catch (BusUnavailableException ex)
        {
            // Others will take this instance for dead after the timeout, which ends the same way.
            HeartbeatFailed(logger, ex);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Name} left room {Group} with their instance, which stopped heartbeating.")]
    private static partial void Swept(ILogger logger, string name, string group);

    [LoggerMessage(2, LogLevel.Warning, "Presence heartbeat failed; retrying at the next beat.")]
    private static partial void HeartbeatFailed(ILogger logger, Exception exception);
}
