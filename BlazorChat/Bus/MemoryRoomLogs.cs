using System.Collections.Concurrent;
using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.Bus;

/// <summary>
/// The memory bus's rooms' logs (<see cref="RoomLog"/>), shared by <see cref="MemoryGroupBus"/>,
/// which writes them as it sends, and <see cref="MemoryRoomHistory"/>, which reads them.
/// </summary>
public sealed class MemoryRoomLogs(IOptions<HistoryOptions> history)
{
    private readonly ConcurrentDictionary<string, RoomLog> _logs = new(StringComparer.Ordinal);
    private readonly int _length = history.Value.Length;

    /// <summary>The room's log, made on its first message.</summary>
    internal RoomLog GetOrAdd(string group) => _logs.GetOrAdd(group, static (_, length) => new RoomLog(length), _length);

    /// <summary>The room's log, or null for a room that never had a message.</summary>
    internal RoomLog? Find(string group) => _logs.GetValueOrDefault(group);
}
