using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// The app on real Kestrel, on a free loopback port, in this test process: composed exactly as
/// Program.cs composes it (AddChatServices, MapChat), in Development with the project folder as
/// content root, as under `dotnet run`, on a SQLite file of its own unless the settings name a
/// database. Settings override its configuration the way environment
/// variables would.
/// </summary>
/// <remarks>
/// Built directly rather than through WebApplicationFactory's Kestrel mode, whose start races
/// (its port set-up and its handling of a failed start) showed up as flaky tests under load.
/// </remarks>
public sealed class ChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _sqliteFile;

    private ChatServer(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        if (!settings.ContainsKey(SqliteFiles.Setting))
        {
            _sqliteFile = SqliteFiles.Create();
            settings = new Dictionary<string, string?>(settings) { [SqliteFiles.Setting] = SqliteFiles.ConnectionString(_sqliteFile) };
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "BlazorChat",
            EnvironmentName = "Development",
            ContentRootPath = Path.Combine(AppProcess.RepositoryRoot, "BlazorChat"),
            // No file watchers for appsettings: dozens of servers side by side would use up the
            // machine's inotify instances (128 per user), and no test edits a settings file.
            Args = [AppProcess.NoConfigReload],
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Added last among the sources, so they override appsettings the way environment variables
        // do, and before the app's services, which may read them as they register (tracing does).
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddChatServices();
        // Registered after the app's own, so they take their place (a fake clock, say).
        services?.Invoke(builder.Services);
        _app = builder.Build();
        _app.MapChat();
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public Uri BaseUri { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static ChatServer Start(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        new(settings ?? new Dictionary<string, string?>(), services);

    public static ChatServer StartOnRedis(RedisServer redis, string prefix, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartOnRedis(redis.ConnectionString, prefix, settings, services);

    /// <summary>The app on the Redis (one server or a cluster's nodes) that <paramref name="connectionString"/> names.</summary>
    public static ChatServer StartOnRedis(string connectionString, string prefix, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        new(TestServices.OnRedis(connectionString, prefix, settings), services);

    public Uri WebSocketUri(string path) => new($"ws://{BaseUri.Authority}/{path.TrimStart('/')}");

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri };

    /// <summary>Stops the host the way a shutdown does: ApplicationStopping, then Kestrel drains.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_sqliteFile is not null)
        {
            SqliteFiles.Delete(_sqliteFile);
        }
    }
}
