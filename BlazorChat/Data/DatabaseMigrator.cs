using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Data;

/// <summary>
/// Brings the database to the app's schema before the app serves anyone: creates a new SQLite
/// file, applies the migrations a database lacks. Several instances starting at once are safe:
/// EF Core holds a database lock while it migrates.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            Migrated(logger, db.Database.ProviderName ?? "?", pending.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"Could not prepare the database ({db.Database.ProviderName}): {ex.Message} Check Database:Provider and ConnectionStrings:Chat.", ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Database ready on {Provider}: {Applied} migration(s) applied")]
    private static partial void Migrated(ILogger logger, string provider, int applied);
}
