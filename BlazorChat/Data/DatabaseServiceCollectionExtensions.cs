using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorChat.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ChatDbContext"/> on the database that <c>Database:Provider</c> names
    /// (SQLite by default, in <see cref="DatabaseOptions.DefaultSqliteFile"/> under the content
    /// root unless <c>ConnectionStrings:Chat</c> says otherwise), migrated at start, with a
    /// readiness check. Settings are read when first used, so every configuration source counts.
    /// </summary>
    public static IServiceCollection AddChatDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Validate(o => Enum.IsDefined(o.Provider), "Database:Provider must be Sqlite or Postgres.")
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Chat")),
                "ConnectionStrings:Chat is required when Database:Provider is Postgres.");

        services.AddDbContext<SqliteChatDbContext>((sp, options) => options.UseSqlite(SqliteConnectionString(sp)));
        services.AddDbContext<PostgresChatDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<IConfiguration>().GetConnectionString("Chat")));
        services.AddScoped<ChatDbContext>(sp => OnPostgres(sp)
            ? sp.GetRequiredService<PostgresChatDbContext>()
            : sp.GetRequiredService<SqliteChatDbContext>());
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddDbContextCheck<ChatDbContext>("database", tags: ["ready"]);
        return services;
    }

    private static bool OnPostgres(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres;

    private static string SqliteConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Chat") is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, DatabaseOptions.DefaultSqliteFile)}";
}
