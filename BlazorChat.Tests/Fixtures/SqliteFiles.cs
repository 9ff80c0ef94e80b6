namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A SQLite file of its own for each app a test starts, so that servers running side by side
/// never share accounts (or a migration lock); removed with its journal when the app stops.
/// </summary>
public static class SqliteFiles
{
    /// <summary>The setting that names the database, whatever its provider.</summary>
    public const string Setting = "ConnectionStrings:Chat";

    /// <summary>A new, empty database file's path.</summary>
    public static string Create() => Path.Combine(Path.GetTempPath(), $"blazorchat-test-{Guid.NewGuid():N}.db");

    public static string ConnectionString(string path) => $"Data Source={path};Pooling=False";

    public static void Delete(string path)
    {
        foreach (string file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
