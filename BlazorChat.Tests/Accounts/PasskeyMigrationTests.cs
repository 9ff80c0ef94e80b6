using BlazorChat.Data;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Accounts;

/// <summary>The Passkeys migration on a database that the earlier migrations made, with an account in it, on each database.</summary>
public abstract class PasskeyMigrationTests(IDatabaseProvider database) : DatabaseTests(database)
{
    [ServerFact]
    public async Task AtStartADatabaseFromBeforePasskeysGainsTheirTableAndKeepsItsAccounts()
    {
        var settings = await NewDatabaseAsync();
        string? file = settings.ContainsKey(SqliteFiles.Setting) ? null : SqliteFiles.Create();
        if (file is not null)
        {
            settings[SqliteFiles.Setting] = SqliteFiles.ConnectionString(file);
        }

        try
        {
            await using (var before = Context(settings))
            {
                var migrations = before.Database.GetMigrations().ToList();
                int passkeys = migrations.FindIndex(m => m.EndsWith("_Passkeys", StringComparison.Ordinal));
                Assert.True(passkeys > 0, "the Passkeys migration follows the earlier ones");
                await before.GetService<IMigrator>().MigrateAsync(migrations[passkeys - 1]);
                before.Users.Add(new ChatUser { UserName = "ada", NormalizedUserName = "ADA", DisplayName = "ada", NormalizedDisplayName = "ADA", SecurityStamp = "stamp" });
                await before.SaveChangesAsync();
            }

            await using var server = ChatServer.Start(settings);

            await using var scope = server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var ada = await users.FindByNameAsync("ada");
            Assert.NotNull(ada);
            Assert.Empty(await users.GetPasskeysAsync(ada));
            var passkey = new UserPasskeyInfo(
                credentialId: [1, 2, 3], publicKey: [4, 5, 6], createdAt: DateTimeOffset.UtcNow, signCount: 0, transports: ["internal"],
                isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [7], clientDataJson: [8]) { Name = "laptop" };
            Assert.True((await users.AddOrUpdatePasskeyAsync(ada, passkey)).Succeeded);
            Assert.Equal("laptop", Assert.Single(await users.GetPasskeysAsync(ada)).Name);
        }
        finally
        {
            if (file is not null)
            {
                SqliteFiles.Delete(file);
            }
        }
    }

    /// <summary>The app's context on the database the settings name, made without the app, as dotnet ef makes it.</summary>
    private static ChatDbContext Context(Dictionary<string, string?> settings) =>
        settings.TryGetValue("Database:Provider", out var provider) && provider == "Postgres"
            ? new PostgresChatDbContext(new DbContextOptionsBuilder<PostgresChatDbContext>()
                .UseNpgsql(settings[SqliteFiles.Setting]).UseApplicationServiceProvider(DesignTimeIdentity.Services).Options)
            : new SqliteChatDbContext(new DbContextOptionsBuilder<SqliteChatDbContext>()
                .UseSqlite(settings[SqliteFiles.Setting]).UseApplicationServiceProvider(DesignTimeIdentity.Services).Options);
}

public sealed class SqlitePasskeyMigrationTests(SqliteDatabase database) : PasskeyMigrationTests(database), IClassFixture<SqliteDatabase>;

[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class PostgresPasskeyMigrationTests(PostgresDatabase database) : PasskeyMigrationTests(database), IClassFixture<PostgresDatabase>;
