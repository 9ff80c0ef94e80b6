using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// The built app as a real process of its own (as `dotnet run` would start it), on a free loopback
/// port, configured through environment variables, on a SQLite file of its own unless they name a
/// database. Its output is kept for failure messages.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _sqliteFile;

    private AppProcess(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The project folder is the content root, as under `dotnet run`.
            WorkingDirectory = Path.Combine(RepositoryRoot, "BlazorChat"),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BlazorChat.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.ArgumentList.Add(NoConfigReload);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        if (!environment.ContainsKey("ConnectionStrings__Chat"))
        {
            _sqliteFile = SqliteFiles.Create();
            start.Environment["ConnectionStrings__Chat"] = SqliteFiles.ConnectionString(_sqliteFile);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The app exited with {_process.ExitCode} before listening:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The host's switch that keeps it from watching its settings files (each watcher takes one of the user's inotify instances).</summary>
    public const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    public Uri BaseUri { get; private set; } = null!;

    public int Id => _process.Id;

    public string Output => string.Join('\n', _output);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The environment of an instance on the Redis provider, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string> OnRedis(RedisServer redis, params (string Key, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["Bus__Provider"] = "Redis",
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
        };
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Starts the app and waits until it listens.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var app = new AppProcess(environment);
        try
        {
            app.BaseUri = await app._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the app when it is expected to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToFailureAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var app = new AppProcess(environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app._process.WaitForExitAsync(timeout.Token);
        return (app._process.ExitCode, app.Output);
    }

    public Uri WebSocketUri(string path) => new($"ws://{BaseUri.Authority}/{path.TrimStart('/')}");

    /// <summary>Asks the app to stop the way a service manager does: SIGTERM.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_sqliteFile is not null)
        {
            SqliteFiles.Delete(_sqliteFile);
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex ListeningLine();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlazorChat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BlazorChat.sln not found above the test binaries.");
    }
}
