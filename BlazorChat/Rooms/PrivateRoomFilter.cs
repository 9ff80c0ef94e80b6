using BlazorChat.Accounts;
using BlazorChat.Data;
using BlazorChat.Presence;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Rooms;

/// <summary>
/// Leaves private rooms out of the room list, for everyone, members too: the list is one snapshot
/// that every reader shares (<see cref="RoomListCache"/>), so it holds only what all may see. One
/// query for the whole list, once per refresh.
/// </summary>
public sealed class PrivateRoomFilter(IServiceScopeFactory scopes) : IRoomListFilter
{
    /// <exception cref="DatabaseUnavailableException">The database could not say which rooms are private: none is listed rather than a private one.</exception>
    public async Task<IReadOnlyList<RoomSummary>> ListedAsync(IReadOnlyList<RoomSummary> rooms, CancellationToken cancellationToken = default)
    {
        if (rooms.Count == 0)
        {
            return rooms;
        }

        string[] names = [.. rooms.Select(r => r.Group)];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        try
        {
            var hidden = (await db.Rooms.AsNoTracking().Where(r => r.IsPrivate && names.Contains(r.Name)).Select(r => r.Name).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            return hidden.Count == 0 ? rooms : [.. rooms.Where(r => !hidden.Contains(r.Group))];
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            throw new DatabaseUnavailableException(ex);
        }
    }
}
