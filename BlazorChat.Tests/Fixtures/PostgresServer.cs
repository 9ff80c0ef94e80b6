using System.Diagnostics;
using Npgsql;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL server of the test's own, on a free loopback port, in a throwaway data folder
/// (Debian's <c>postgresql</c> package; it refuses to run as root, so it runs as <c>postgres</c>).
/// Each test asks it for a database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Binaries = "/usr/lib/postgresql/15/bin";

    private readonly string _directory;
    private readonly Process _process;

    private PostgresServer(string directory, int port, Process process) => (_directory, Port, _process) = (directory, port, process);

    public int Port { get; }

    public static bool IsInstalled => File.Exists(Path.Combine(Binaries, "postgres"));

    public static async Task<PostgresServer> StartAsync()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{Binaries}/postgres is missing: apt-get install -y postgresql.");
        }

        string directory = Directory.CreateTempSubdirectory("blazorchat-postgres-").FullName;
        await RunAsync("chown", "postgres", directory);
        await RunAsync("runuser", "-u", "postgres", "--", $"{Binaries}/initdb", "-D", $"{directory}/data", "-A", "trust", "-U", "chat", "--no-sync");
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePorts.Next();
            var process = ServerProcesses.Start("runuser",
                ["-u", "postgres", "--", $"{Binaries}/postgres", "-D", $"{directory}/data", "-p", port.ToString(), "-k", directory,
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"]);
            var server = new PostgresServer(directory, port, process);
            if (await server.AnswersAsync())
            {
                return server;
            }

            await server.StopProcessAsync();
            if (attempt == 5)
            {
                throw new InvalidOperationException($"PostgreSQL did not start (tried 5 ports, data in {directory}).");
            }
        }
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=chat;Database={database}";

    /// <summary>A new, empty database; the app migrates it when it starts.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name = "chat_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> AnswersAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Timeout=2");
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                // A process coming up offers nothing to wait on but its port: ask again shortly, as RedisServer does.
                await Task.Delay(100);
            }
        }

        return false;
    }

    private async Task StopProcessAsync()
    {
        if (!_process.HasExited)
        {
            // runuser passes the signal on: SIGTERM is postgres's "smart" shutdown, SIGINT its fast one.
            using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString()]))
            {
                await interrupt.WaitForExitAsync();
            }

            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {errors}");
        }
    }
}
