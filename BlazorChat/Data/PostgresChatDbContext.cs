using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Data;

/// <summary>The model on PostgreSQL, for more than one instance; its migrations are in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresChatDbContext(DbContextOptions<PostgresChatDbContext> options) : ChatDbContext(options);
