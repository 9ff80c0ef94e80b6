namespace BlazorChat.Data;

/// <summary>
/// The database's settings. In appsettings.json:
/// <code>
/// "Database": { "Provider": "Postgres" },
/// "ConnectionStrings": { "Chat": "Host=127.0.0.1;Username=chat;Password=...;Database=chat" }
/// </code>
/// On SQLite without <c>ConnectionStrings:Chat</c>, the file is <see cref="DefaultSqliteFile"/> under the content root.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string DefaultSqliteFile = "blazorchat.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
