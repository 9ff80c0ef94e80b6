using System.Collections.Concurrent;
using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.Bus;

/// <summary>
/// The memory bus's rooms' logs (<see cref="RoomLog"/>), shared by <see cref="MemoryGroupBus"/>,
/// which writes them as it sends, and <see cref="MemoryRoomHistory"/>, which reads them. A room's
/// log is made by its first message and forgotten once the room has had no member here and no
/// message for <c>History:IdleRoomTtlSeconds</c> (<see cref="ForgetIdle"/>), or sooner when more
/// than <c>History:MaxRooms</c> rooms have one: the room idle longest goes first.
/// </summary>
public sealed class MemoryRoomLogs(IOptions<HistoryOptions> history, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RoomLog> _logs = new(StringComparer.Ordinal);
    private readonly HistoryOptions _options = history.Value;
    private readonly Lock _evicting = new();

    /// <summary>Rooms with a log now.</summary>
    public int Count => _logs.Count;

    /// <summary>The room's log, made on its first message; <paramref name="hasMembers"/> says which rooms may not be forgotten to make room.</summary>
    internal RoomLog GetOrAdd(string group, Func<string, bool> hasMembers)
    {
        if (_logs.TryGetValue(group, out var log))
        {
            return log;
        }

        if (_logs.Count >= _options.MaxRooms)
        {
            ForgetLongestIdle(hasMembers);
        }

        return _logs.GetOrAdd(group, static (_, state) => new RoomLog(state.Length, state.Now), (_options.Length, Now: time.GetTimestamp()));
    }

    /// <summary>The room's log, or null for a room that has none.</summary>
    internal RoomLog? Find(string group) => _logs.GetValueOrDefault(group);

    /// <summary>Forgets every room with no member here and no message for the idle time; returns how many.</summary>
    public int ForgetIdle(Func<string, bool> hasMembers)
    {
        long now = time.GetTimestamp();
        int forgotten = 0;
        foreach (var (group, log) in _logs)
        {
            if (time.GetElapsedTime(log.LastActivity, now) >= _options.IdleRoomTtl && TryForget(group, log, hasMembers))
            {
                forgotten++;
            }
        }

        return forgotten;
    }

    private void ForgetLongestIdle(Func<string, bool> hasMembers)
    {
        // One evicter at a time: a burst of new rooms must not forget many rooms for one each.
        lock (_evicting)
        {
            while (_logs.Count >= _options.MaxRooms)
            {
                var idlest = _logs.Where(pair => !hasMembers(pair.Key)).MinBy(pair => pair.Value.LastActivity);
                if (idlest.Value is null || !TryForget(idlest.Key, idlest.Value, hasMembers))
                {
                    // Every room has members here: their number is bounded by the connections.
                    return;
                }
            }
        }
    }

    private bool TryForget(string group, RoomLog log, Func<string, bool> hasMembers)
    {
        lock (log.Gate)
        {
            if (hasMembers(group))
            {
                return false;
            }

            log.Forgotten = true;
            return _logs.TryRemove(new KeyValuePair<string, RoomLog>(group, log));
        }
    }
}
