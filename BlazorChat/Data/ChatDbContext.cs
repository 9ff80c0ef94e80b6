using BlazorChat.Chat;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Data;

/// <summary>
/// Accounts (Identity's tables), their access tokens, and the rooms created through the API with
/// their members and bans, and the rooms in each account's sidebar. One model for every database; each provider keeps its own migrations
/// in a subclass (<see cref="SqliteChatDbContext"/>, <see cref="PostgresChatDbContext"/>).
/// </summary>
public abstract class ChatDbContext(DbContextOptions options) : IdentityDbContext<ChatUser>(options)
{
    /// <summary>
    /// Identity's schema, which Identity reads from its options (<c>Stores.SchemaVersion</c>) as it
    /// builds the model: version 3 has the passkeys table (AspNetUserPasskeys). The app's options
    /// and the design-time factories' (<see cref="DesignTimeIdentity"/>) both take it from here.
    /// </summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    public DbSet<AccessTokenRecord> AccessTokens => Set<AccessTokenRecord>();

    public DbSet<RoomRecord> Rooms => Set<RoomRecord>();

    public DbSet<RoomMemberRecord> RoomMembers => Set<RoomMemberRecord>();

    public DbSet<RoomBanRecord> RoomBans => Set<RoomBanRecord>();

    public DbSet<UserRoomRecord> UserRooms => Set<UserRoomRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ChatUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(DisplayName.MaxLength).IsRequired();
            user.Property(u => u.NormalizedDisplayName).HasMaxLength(4 * DisplayName.MaxLength).IsRequired();
            user.HasIndex(u => u.NormalizedDisplayName).IsUnique();
        });

        builder.Entity<AccessTokenRecord>(token =>
        {
            token.ToTable("AccessTokens");
            token.Property(t => t.Name).HasMaxLength(Accounts.AccessTokens.MaxNameLength);
            token.Property(t => t.Hash).HasMaxLength(32);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RoomRecord>(room =>
        {
            room.ToTable("Rooms");
            room.HasKey(r => r.Name);
            room.Property(r => r.Name).HasMaxLength(GroupName.MaxLength);
            room.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.Room).OnDelete(DeleteBehavior.Cascade);
            room.HasMany(r => r.Bans).WithOne().HasForeignKey(b => b.Room).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RoomMemberRecord>(member =>
        {
            member.ToTable("RoomMembers");
            member.HasKey(m => new { m.Room, m.UserId });
            member.HasIndex(m => m.UserId);
            member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RoomBanRecord>(ban =>
        {
            ban.ToTable("RoomBans");
            ban.HasKey(b => new { b.Room, b.UserId });
            ban.Property(b => b.BannedBy).HasMaxLength(256);
            ban.HasOne(b => b.User).WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<UserRoomRecord>(room =>
        {
            room.ToTable("UserRooms");
            room.HasKey(r => new { r.UserId, r.Room });
            room.Property(r => r.Room).HasMaxLength(GroupName.MaxLength);
            room.Property(r => r.LastRead).HasMaxLength(MessageId.MaxLength);
            room.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
