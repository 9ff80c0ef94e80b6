using BlazorChat.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Sidebar;

/// <summary>An account's sidebar in the database (<see cref="UserRoomRecord"/>), so every device it signs in on shows the same rooms.</summary>
internal sealed class DatabaseRoomListStore(IServiceScopeFactory scopes, string userId) : IRoomListStore
{
    public async Task<IReadOnlyList<StoredRoom>> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var rows = await db.UserRooms.AsNoTracking().Where(r => r.UserId == userId).ToListAsync();
        return [.. rows.OrderByDescending(r => r.OpenedUtc).Select(r => new StoredRoom(r.Room, r.LastRead, r.OpenedUtc))];
    }

    /// <summary>
    /// Brings the account's rows to <paramref name="rooms"/>: at most <see cref="RoomList.MaxRooms"/>
    /// rows to read and write. Two devices saving at once each write their own view; the later wins,
    /// and a row both added is kept once.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<StoredRoom> rooms)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var rows = await db.UserRooms.Where(r => r.UserId == userId).ToDictionaryAsync(r => r.Room, StringComparer.Ordinal);
        foreach (var room in rooms)
        {
            if (rows.Remove(room.Room, out var row))
            {
                (row.LastRead, row.OpenedUtc) = (room.LastRead, room.OpenedUtc);
            }
            else
            {
                db.UserRooms.Add(new UserRoomRecord { UserId = userId, Room = room.Room, LastRead = room.LastRead, OpenedUtc = room.OpenedUtc });
            }
        }

        db.UserRooms.RemoveRange(rows.Values);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another device of the account added or removed the same room at the same moment: its view stands until the next save.
        }
    }
}
