using System.Diagnostics;
using StackExchange.Redis;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A real Redis Cluster of the test's own: six redis-server processes on free loopback ports in a
/// temporary folder, made into three masters with a replica each by <c>redis-cli --cluster create</c>,
/// ready once every node says <c>cluster_state:ok</c>. Killed, folder and all, on dispose.
/// </summary>
public sealed class RedisClusterServer : IAsyncDisposable
{
    public const string Cli = "/usr/bin/redis-cli";

    private const int Nodes = 6;

    private readonly string _directory = Directory.CreateTempSubdirectory("blazorchat-cluster-").FullName;
    private readonly Dictionary<int, Process> _nodes = [];

    private RedisClusterServer()
    {
    }

    /// <summary>Every node's port, masters and replicas alike.</summary>
    public IReadOnlyCollection<int> Ports => _nodes.Keys;

    /// <summary>What the app is given: the nodes, and nothing that says "cluster" (StackExchange.Redis finds that out).</summary>
    public string ConnectionString => string.Join(',', _nodes.Keys.Select(port => $"127.0.0.1:{port}"));

    public static async Task<RedisClusterServer> StartAsync()
    {
        foreach (var program in new[] { RedisServer.Executable, Cli })
        {
            if (!File.Exists(program))
            {
                throw new InvalidOperationException($"{program} is missing: apt-get install -y redis-server.");
            }
        }

        var cluster = new RedisClusterServer();
        try
        {
            for (int i = 0; i < Nodes; i++)
            {
                await cluster.StartNodeAsync();
            }

            var create = await RunCliAsync(["--cluster", "create", .. cluster._nodes.Keys.Select(port => $"127.0.0.1:{port}"),
                "--cluster-replicas", "1", "--cluster-yes"]);
            if (create.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create failed ({create.ExitCode}): {create.Output}");
            }

            await UntilAsync(async () =>
            {
                foreach (var port in cluster._nodes.Keys)
                {
                    if (!(await AskAsync(port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            }, "every node of the cluster says cluster_state:ok");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the cluster that may run admin commands (CLUSTER KEYSLOT, PUBSUB).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync($"{ConnectionString},abortConnect=true,connectTimeout=2000,allowAdmin=true");

    /// <summary>One node's answer to a command, as redis-cli prints it.</summary>
    public static async Task<string> AskAsync(int port, params string[] command) =>
        (await RunCliAsync(["-h", "127.0.0.1", "-p", port.ToString(), .. command])).Output;

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _nodes.Values)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp clean-up; it holds nothing of value.
        }
    }

    // A port that was free a moment ago may be taken by the time redis binds it; try a few.
    private async Task StartNodeAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePorts.Next();
            var start = new ProcessStartInfo(RedisServer.Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = _directory,
            };
            foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--protected-mode", "no",
                         "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(_directory, $"nodes-{port}.conf"),
                         "--cluster-node-timeout", "2000", "--dir", _directory, "--save", "", "--appendonly", "no" })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await UntilAsync(async () => process.HasExited
                    ? throw new InvalidOperationException($"redis-server exited at start with code {process.ExitCode} (port {port}).")
                    : await AskAsync(port, "PING") == "PONG", $"the node on port {port} answers PING");
                _nodes[port] = process;
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                process.Dispose();
            }
        }
    }

    // Polled: nothing in this process hears a node change its mind.
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, ((await output) + (await error)).Trim());
    }
}
