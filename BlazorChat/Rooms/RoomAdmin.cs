using BlazorChat.Accounts;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Data;
using BlazorChat.Presence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorChat.Rooms;

/// <summary>
/// The changes an account may make to rooms: create one (and own it), invite and remove members,
/// make and unmake moderators (the owner), ban and unban (the owner or a moderator). Each change
/// is told to every instance (<see cref="ConnectionCommand"/>): a removal from a private room or a
/// ban also closes the user's connections to the room there, with 1008.
/// </summary>
/// <remarks>
/// A moderator acts on members only, the owner on anyone but itself: nobody can remove, ban or
/// demote someone of their own rank or above. The bounds (<see cref="RoomsOptions"/>) are counted
/// before a change is saved, so two changes at the same moment may pass one by one at most.
/// </remarks>
public sealed class RoomAdmin(
    ChatDbContext db, RoomAccess access, ConnectionCommands commands, IRoomHistory history, RoomPresence presence,
    IOptions<RoomsOptions> options, TimeProvider time)
{
    private const string NoSuchRoom = "No room of that name was created through POST /api/rooms.";

    /// <summary>
    /// Makes <paramref name="name"/> a room that <paramref name="owner"/> owns. Only a fresh name:
    /// one with a record, with history or with anyone in it is refused, so nobody takes over a
    /// room that others already use.
    /// </summary>
    /// <exception cref="BusUnavailableException">The room's history or presence could not be read.</exception>
    public async Task<RoomAdminResult> CreateAsync(ChatIdentity owner, string name, bool isPrivate, CancellationToken cancellationToken = default)
    {
        string userId = SignedIn(owner);
        if (GroupName.Explain(name) is { } problem)
        {
            return new(RoomAdminOutcome.BadName, problem);
        }

        int max = options.Value.MaxPerUser;
        if (await db.RoomMembers.CountAsync(m => m.UserId == userId && m.Role == RoomRole.Owner, cancellationToken) >= max)
        {
            return RoomAdminResult.Conflict($"An account owns at most {max} rooms (Rooms:MaxPerUser).");
        }

        if (await db.Rooms.AnyAsync(r => r.Name == name, cancellationToken)
            || await history.LastIssuedIdAsync(name, cancellationToken) is not null
            || (await presence.MembersAsync(name, cancellationToken)).Count > 0)
        {
            return RoomAdminResult.Conflict($"The room name '{name}' is in use: choose another.");
        }

        db.Rooms.Add(new RoomRecord
        {
            Name = name,
            IsPrivate = isPrivate,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            Members = [new RoomMemberRecord { Room = name, UserId = userId, Role = RoomRole.Owner }],
        });
        await db.SaveChangesAsync(cancellationToken);
        return await AnnounceAsync(ConnectionCommand.RoomChanged(name));
    }

    public async Task<RoomAdminResult> InviteAsync(ChatIdentity actor, string room, string user, CancellationToken cancellationToken = default)
    {
        var (refused, target) = await PrepareAsync(actor, room, user, RoomRole.Moderator, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (target.Role is not null)
        {
            return RoomAdminResult.Done;
        }

        return await AddAsync(room, user, target, RoomRole.Member, cancellationToken) ?? await AnnounceAsync(ConnectionCommand.RoomChanged(room));
    }

    /// <summary>Takes <paramref name="user"/> out of the room's members; in a private room, out of the room too, on every instance.</summary>
    public async Task<RoomAdminResult> RemoveMemberAsync(ChatIdentity actor, string room, string user, CancellationToken cancellationToken = default)
    {
        var (refused, target) = await PrepareAsync(actor, room, user, RoomRole.Moderator, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (target.Role is null)
        {
            return RoomAdminResult.NotFound($"{user} is not a member of this room.");
        }

        if (OutranksOrEquals(target, actor) is { } denied)
        {
            return denied;
        }

        await db.RoomMembers.Where(m => m.Room == room && m.UserId == target.Id).ExecuteDeleteAsync(cancellationToken);
        bool isPrivate = await db.Rooms.Where(r => r.Name == room).Select(r => r.IsPrivate).SingleAsync(cancellationToken);
        return await AnnounceAsync(isPrivate
            ? ConnectionCommand.ForUserInRoom(target.Id, room, "removed from this private room")
            : ConnectionCommand.RoomChanged(room));
    }

    /// <summary>Makes <paramref name="user"/> a moderator (inviting them if they are not a member yet). The owner's alone.</summary>
    public async Task<RoomAdminResult> AddModeratorAsync(ChatIdentity actor, string room, string user, CancellationToken cancellationToken = default)
    {
        var (refused, target) = await PrepareAsync(actor, room, user, RoomRole.Owner, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        switch (target.Role)
        {
            case RoomRole.Moderator:
                return RoomAdminResult.Done;
            case RoomRole.Owner:
                return RoomAdminResult.Conflict("The owner is more than a moderator already.");
            case RoomRole.Member:
                await db.RoomMembers.Where(m => m.Room == room && m.UserId == target.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, RoomRole.Moderator), cancellationToken);
                break;
            default:
                if (await AddAsync(room, user, target, RoomRole.Moderator, cancellationToken) is { } refusedToAdd)
                {
                    return refusedToAdd;
                }

                break;
        }

        return await AnnounceAsync(ConnectionCommand.RoomChanged(room));
    }

    /// <summary>Makes a moderator a member again. The owner's alone.</summary>
    public async Task<RoomAdminResult> RemoveModeratorAsync(ChatIdentity actor, string room, string user, CancellationToken cancellationToken = default)
    {
        var (refused, target) = await PrepareAsync(actor, room, user, RoomRole.Owner, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (target.Role != RoomRole.Moderator)
        {
            return RoomAdminResult.NotFound($"{user} is not a moderator of this room.");
        }

        await db.RoomMembers.Where(m => m.Room == room && m.UserId == target.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, RoomRole.Member), cancellationToken);
        return await AnnounceAsync(ConnectionCommand.RoomChanged(room));
    }

    /// <summary>
    /// Keeps <paramref name="user"/> out of the room, open or private, and closes their connections
    /// to it on every instance. A ban also ends their membership: an unban does not bring it back.
    /// </summary>
    public async Task<RoomAdminResult> BanAsync(ChatIdentity actor, string room, string user, CancellationToken cancellationToken = default)
    {
        var (refused, target) = await PrepareAsync(actor, room, user, RoomRole.Moderator, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (target.Role is not null && OutranksOrEquals(target, actor) is { } denied)
        {
            return denied;
        }

        if (!target.Banned)
        {
            int max = options.Value.MaxBansPerRoom;
            if (await db.RoomBans.CountAsync(b => b.Room == room, cancellationToken) >= max)
            {
                return RoomAdminResult.Conflict($"A room bans at most {max} users at once (Rooms:MaxBansPerRoom): unban someone first.");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.RoomMembers.Where(m => m.Room == room && m.UserId == target.Id).ExecuteDeleteAsync(cancellationToken);
            db.RoomBans.Add(new RoomBanRecord { Room = room, UserId = target.Id, BannedBy = actor.UserName!, BannedUtc = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Told again even when the ban was there already: a connection that slipped in meanwhile goes too.
        return await AnnounceAsync(ConnectionCommand.ForUserInRoom(target.Id, room, "banned from this room"));
    }

    public async Task<RoomAdminResult> UnbanAsync(ChatIdentity actor, string room, string user, CancellationToken cancellationToken = default)
    {
        var (refused, target) = await PrepareAsync(actor, room, user, RoomRole.Moderator, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (!target.Banned)
        {
            return RoomAdminResult.NotFound($"{user} is not banned from this room.");
        }

        await db.RoomBans.Where(b => b.Room == room && b.UserId == target.Id).ExecuteDeleteAsync(cancellationToken);
        return await AnnounceAsync(ConnectionCommand.RoomChanged(room));
    }

    /// <summary>The room must exist, the actor hold at least <paramref name="needed"/> in it, and the target user exist.</summary>
    private async Task<(RoomAdminResult? Refused, Target Target)> PrepareAsync(
        ChatIdentity actor, string room, string user, RoomRole needed, CancellationToken cancellationToken)
    {
        string actorId = SignedIn(actor);
        if (!GroupName.IsValid(room) || !await db.Rooms.AnyAsync(r => r.Name == room, cancellationToken))
        {
            return (RoomAdminResult.NotFound(NoSuchRoom), Target.None);
        }

        var actorRole = await RoleAsync(room, actorId, cancellationToken);
        if (actorRole is null || actorRole < needed)
        {
            return (RoomAdminResult.NotAllowed(needed == RoomRole.Owner
                ? "Only the room's owner may do this."
                : "Only the room's owner or a moderator may do this."), Target.None);
        }

        string normalized = NameNormalizer.Normalize(user.Trim());
        if (await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken) is not { } id)
        {
            return (RoomAdminResult.NotFound($"There is no user called '{user}'."), Target.None);
        }

        var role = await RoleAsync(room, id, cancellationToken);
        bool banned = await db.RoomBans.AnyAsync(b => b.Room == room && b.UserId == id, cancellationToken);
        return (null, new Target(id, role, banned, actorRole.Value));
    }

    private static RoomAdminResult? OutranksOrEquals(Target target, ChatIdentity actor) =>
        target.Id == actor.UserId && target.Role == RoomRole.Owner
            ? RoomAdminResult.NotAllowed("The owner cannot leave or be put out of their own room.")
            : target.Role >= target.ActorRole
                ? RoomAdminResult.NotAllowed("Nobody may remove or ban someone of their own rank or above.")
                : null;

    private Task<RoomRole?> RoleAsync(string room, string userId, CancellationToken cancellationToken) =>
        db.RoomMembers.Where(m => m.Room == room && m.UserId == userId).Select(m => (RoomRole?)m.Role).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Makes a non-member <paramref name="target"/> a member with <paramref name="role"/>; null once added, else why not (banned, or the room is full).</summary>
    private async Task<RoomAdminResult?> AddAsync(string room, string user, Target target, RoomRole role, CancellationToken cancellationToken)
    {
        if (target.Banned)
        {
            return RoomAdminResult.Conflict($"{user} is banned from this room: unban them first.");
        }

        int max = options.Value.MaxMembersPerRoom;
        if (await db.RoomMembers.CountAsync(m => m.Room == room, cancellationToken) >= max)
        {
            return RoomAdminResult.Conflict($"A room has at most {max} members (Rooms:MaxMembersPerRoom).");
        }

        db.RoomMembers.Add(new RoomMemberRecord { Room = room, UserId = target.Id, Role = role });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Forgets the room here at once, then tells every instance (this one too, again).</summary>
    private async Task<RoomAdminResult> AnnounceAsync(ConnectionCommand command)
    {
        access.Forget(command.Room!);
        try
        {
            await commands.PublishAsync(command);
            return RoomAdminResult.Done;
        }
        catch (BusUnavailableException)
        {
            return new(RoomAdminOutcome.Unannounced,
                $"Saved, but the other instances could not be told (the bus is unavailable): they go by it within {RoomAccess.CacheTime.TotalSeconds:0} s, and connections already open there stay until they reconnect.");
        }
    }

    private static string SignedIn(ChatIdentity identity) =>
        identity.UserId ?? throw new ArgumentException("Only a signed-in identity changes rooms.", nameof(identity));

    private readonly record struct Target(string Id, RoomRole? Role, bool Banned, RoomRole ActorRole)
    {
        public static Target None => default;
    }
}
