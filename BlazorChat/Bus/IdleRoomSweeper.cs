using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.Bus;

/// <summary>
/// Forgets, on the memory bus, the rooms that have had no member here and no message for
/// <c>History:IdleRoomTtlSeconds</c> (<see cref="MemoryRoomLogs.ForgetIdle"/>), checking a few times
/// per idle time. On Redis a room's stream expires by itself, and this returns at once.
/// </summary>
internal sealed partial class IdleRoomSweeper(
    IServiceProvider services, MemoryRoomLogs logs, IGroupBus bus, IOptions<HistoryOptions> options, TimeProvider time, ILogger<IdleRoomSweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.OnRedis())
        {
            return;
        }

        var period = options.Value.IdleRoomTtl / 4 < LongestPeriod ? options.Value.IdleRoomTtl / 4 : LongestPeriod;
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (logs.ForgetIdle(group => bus.CountLocalMembers(group) > 0) is > 0 and var forgotten)
                {
                    Forgot(logger, forgotten);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The app is stopping.
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "Forgot {Count} idle rooms.")]
    private static partial void Forgot(ILogger logger, int count);
}
