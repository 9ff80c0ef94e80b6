using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Data;

/// <summary>The model on SQLite, the embedded default; its migrations are in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteChatDbContext(DbContextOptions<SqliteChatDbContext> options) : ChatDbContext(options);
