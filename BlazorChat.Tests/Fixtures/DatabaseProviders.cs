using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A database as the tests run the app on it: each call gives the settings of a new, empty
/// database of that provider. A suite that runs on each derives from <see cref="DatabaseTests"/>,
/// with one sealed class per provider, as the bus suites do with <see cref="ProviderTests"/>.
/// </summary>
public interface IDatabaseProvider
{
    Task<Dictionary<string, string?>> NewDatabaseAsync();
}

/// <summary>SQLite, the embedded default: a file of the test's own (removed when its server stops: <see cref="ChatServer"/>).</summary>
public sealed class SqliteDatabase : IDatabaseProvider
{
    // The server makes the file itself when the settings name none.
    public Task<Dictionary<string, string?>> NewDatabaseAsync() => Task.FromResult(new Dictionary<string, string?>());
}

/// <summary>One PostgreSQL server per test class, started on first use; a database of its own for each call.</summary>
public sealed class PostgresDatabase : IDatabaseProvider, IAsyncLifetime
{
    private readonly Lazy<Task<PostgresServer>> _server = new(PostgresServer.StartAsync);

    public async Task<Dictionary<string, string?>> NewDatabaseAsync() => new()
    {
        ["Database:Provider"] = "Postgres",
        [SqliteFiles.Setting] = await (await _server.Value).CreateDatabaseAsync(),
    };

    public Task<PostgresServer> GetServerAsync() => _server.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server.IsValueCreated)
        {
            await (await _server.Value).DisposeAsync();
        }
    }
}

/// <summary>
/// The way a suite runs on every database: servers it starts are on the memory bus, each on a new
/// database of the provider unless given one (<see cref="NewDatabaseAsync"/> for two servers that
/// share one), stopped after the test.
/// </summary>
public abstract class DatabaseTests(IDatabaseProvider database) : IAsyncLifetime
{
    private readonly List<ChatServer> _servers = [];

    protected IDatabaseProvider Database => database;

    protected Task<Dictionary<string, string?>> NewDatabaseAsync() => database.NewDatabaseAsync();

    protected async Task<ChatServer> StartServerAsync(
        IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyDictionary<string, string?>? databaseSettings = null, Action<IServiceCollection>? services = null)
    {
        var all = databaseSettings is null ? await database.NewDatabaseAsync() : new Dictionary<string, string?>(databaseSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var server = ChatServer.Start(all, services);
        _servers.Add(server);
        return server;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the test's servers, the last started first; a suite with browsers closes their pages first (a server waits for open circuits).</summary>
    public virtual async Task DisposeAsync()
    {
        for (int i = _servers.Count - 1; i >= 0; i--)
        {
            await _servers[i].DisposeAsync();
        }
    }
}
