using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlazorChat.Data;

/// <summary>
/// The model on SQLite for <c>dotnet ef migrations add Name --context SqliteChatDbContext -o Data/Migrations/Sqlite</c>,
/// built without starting the app.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChatDbContext>
{
    public SqliteChatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteChatDbContext>().UseSqlite("Data Source=design.db")
            .UseApplicationServiceProvider(DesignTimeIdentity.Services).Options);
}
