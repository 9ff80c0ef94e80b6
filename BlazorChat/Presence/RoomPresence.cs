using BlazorChat.Bus;
using BlazorChat.Chat;

namespace BlazorChat.Presence;

/// <summary>
/// Who is in a room, and the room's join and leave events. Connections report here as they come
/// and go; a presence failure (Redis down) is logged and never ends the connection.
/// </summary>
public sealed partial class RoomPresence(IPresenceStore store, IGroupBus bus, ILogger<RoomPresence> logger)
{
    public static MessageDraft JoinEvent(PresenceEntry entry) => new(entry.Name, $"{entry.Name} joined", MessageKind.Join);

    public static MessageDraft LeaveEvent(PresenceEntry entry) => new(entry.Name, $"{entry.Name} left", MessageKind.Leave);

    /// <summary>Records the entry; with <paramref name="announce"/>, also tells the room (not when a page only rejoins after an outage).</summary>
    public async Task EnterAsync(string group, PresenceEntry entry, bool announce = true)
    {
        try
        {
            await store.AddAsync(group, entry);
            if (announce)
            {
                await bus.GroupSendAsync(group, JoinEvent(entry));
            }
        }
        catch (BusUnavailableException ex)
        {
            PresenceFailed(logger, group, ex);
        }
    }

    public async Task LeaveAsync(string group, PresenceEntry entry)
    {
        try
        {
            await store.RemoveAsync(group, entry.MemberId);
            await bus.GroupSendAsync(group, LeaveEvent(entry));
        }
        catch (BusUnavailableException ex)
        {
            PresenceFailed(logger, group, ex);
        }
    }

    /// <summary>The room's members as people see them: several tabs under one name are one row with a count.</summary>
    public async Task<IReadOnlyList<RoomMember>> MembersAsync(string group, CancellationToken cancellationToken = default) =>
        [.. (await store.ListAsync(group, cancellationToken))
            .GroupBy(e => (e.Name, e.Kind))
            .Select(g => new RoomMember(g.Key.Name, g.Key.Kind, g.Min(e => e.Since), g.Count()))
            .OrderBy(m => m.Since)];

    public Task<IReadOnlyList<RoomSummary>> RoomsAsync(CancellationToken cancellationToken = default) =>
        store.ListRoomsAsync(cancellationToken);

    [LoggerMessage(1, LogLevel.Warning, "Presence in room {Group} could not be updated; the connection carries on.")]
    private static partial void PresenceFailed(ILogger logger, string group, Exception exception);
}
