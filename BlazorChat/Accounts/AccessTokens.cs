using BlazorChat.Data;
using BlazorChat.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Accounts;

/// <summary>
/// A user's personal access tokens: made (the token is returned once, only its hash is kept),
/// listed, found by the token itself, and revoked, which also closes every socket that signed
/// in with it, on every instance.
/// </summary>
public sealed class AccessTokens(ChatDbContext db, ConnectionCommands commands, TimeProvider time)
{
    public const int MaxNameLength = 64;

    /// <summary>Tokens one user may hold at once, so no account can grow the table without bound.</summary>
    public const int MaxPerUser = 20;

    public const string NameRule = "A token's name is 1 to 64 characters.";

    /// <summary>Makes a token named <paramref name="name"/> for <paramref name="userId"/>; null with a reason when it cannot.</summary>
    public async Task<(AccessTokenRecord? Record, string? Token, string? Problem)> CreateAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return (null, null, NameRule);
        }

        if (await db.AccessTokens.CountAsync(t => t.UserId == userId, cancellationToken) >= MaxPerUser)
        {
            return (null, null, $"An account holds at most {MaxPerUser} tokens: revoke one first.");
        }

        string token = AccessTokenFormat.Create();
        var record = new AccessTokenRecord
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name,
            Hash = AccessTokenFormat.Hash(token),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.AccessTokens.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (record, token, null);
    }

    public Task<List<AccessTokenRecord>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.CreatedUtc).ToListAsync(cancellationToken);

    /// <summary>The token's record with its user, or null for a token that is malformed, unknown or revoked.</summary>
    public async Task<AccessTokenRecord?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!AccessTokenFormat.LooksValid(token))
        {
            return null;
        }

        byte[] hash = AccessTokenFormat.Hash(token);
        return await db.AccessTokens.AsNoTracking().Include(t => t.User).SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
    }

    /// <summary>Revokes the user's token <paramref name="id"/> and closes its sockets everywhere; false when the user holds no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid id, CancellationToken cancellationToken = default)
    {
        int deleted = await db.AccessTokens.Where(t => t.Id == id && t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return false;
        }

        await commands.PublishAsync(ConnectionCommand.ForToken(id), cancellationToken);
        return true;
    }
}
