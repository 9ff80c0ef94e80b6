using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlazorChat.Data;

/// <summary>
/// The model on PostgreSQL for <c>dotnet ef migrations add Name --context PostgresChatDbContext -o Data/Migrations/Postgres</c>,
/// built without starting the app or reaching a server.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChatDbContext>
{
    public PostgresChatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresChatDbContext>().UseNpgsql("Host=127.0.0.1;Database=design")
            .UseApplicationServiceProvider(DesignTimeIdentity.Services).Options);
}
