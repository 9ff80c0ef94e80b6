using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A real redis-server of the test's own on a free loopback port; stopped (and restartable, on the
/// same port and data folder) by the test. Persistence is off unless asked for; when on, every
/// write is synced, so a kill loses nothing.
/// </summary>
public sealed class RedisServer : IRedisDeployment
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly string _directory = Directory.CreateTempSubdirectory("blazorchat-redis-").FullName;
    private readonly bool _appendOnly;
    private Process? _process;

    private RedisServer(int port, bool appendOnly)
    {
        Port = port;
        _appendOnly = appendOnly;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: apt-get install -y redis-server.");
        }

        // A port that was free a moment ago may be taken by the time redis binds it; try a few.
        for (int attempt = 1; ; attempt++)
        {
            var server = new RedisServer(FreePorts.Next(), appendOnly);
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>), on the same port and data folder.</summary>
    public async Task StartAgainAsync()
    {
        _process = ServerProcesses.Start(Executable,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--dir", _directory,
             "--appendonly", _appendOnly ? "yes" : "no", "--appendfsync", "always", "--protected-mode", "no"], _directory);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited at start with code {_process.ExitCode} (port {Port}).");
            }

            try
            {
                await using var probe = await ConnectAsync();
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (RedisServerException loading) when (loading.Message.StartsWith("LOADING") && DateTime.UtcNow < deadline)
            {
                // With persistence on, the server accepts connections while it replays its append-only
                // file and answers LOADING until it is done; it is not started until it serves.
                await Task.Delay(50);
            }
        }
    }

    public Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync($"{ConnectionString},abortConnect=true,connectTimeout=1000,allowAdmin=true");

    /// <summary>Kills the server, as a crash or an outage would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp clean-up; it holds nothing of value.
        }
    }
}
