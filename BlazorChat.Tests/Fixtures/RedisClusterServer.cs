using System.Diagnostics;
using StackExchange.Redis;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A real Redis Cluster of the test's own: six redis-server processes on free loopback ports in a
/// temporary folder, made into three masters with a replica each by <c>redis-cli --cluster create</c>,
/// ready once every node says <c>cluster_state:ok</c> and every replica is in sync. Killed, folder
/// and all, on dispose.
/// </summary>
public sealed class RedisClusterServer : IRedisDeployment
{
    private const string Cli = "/usr/bin/redis-cli";

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
        // redis-cli comes with redis-server (Debian's redis-tools, which it depends on).
        foreach (var program in new[] { RedisServer.Executable, Cli })
        {
            if (!File.Exists(program))
            {
                throw new InvalidOperationException($"{program} is missing: apt-get install -y redis-server redis-tools.");
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

            // Ready once every node sees the cluster whole, and every replica holds its master's data:
            // only a replica in sync may take over from a master that dies.
            await UntilAsync(async () =>
            {
                foreach (var port in cluster._nodes.Keys)
                {
                    var replication = await AskAsync(port, "INFO", "replication");
                    if (!(await AskAsync(port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal)
                        || (replication.Contains("role:slave", StringComparison.Ordinal) && !replication.Contains("master_link_status:up", StringComparison.Ordinal)))
                    {
                        return false;
                    }
                }

                return true;
            }, "every node says cluster_state:ok and every replica is in sync");
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

    /// <summary>Kills one node, as a crash would; its replica (or the node it replicates) carries on.</summary>
    public async Task KillAsync(int port)
    {
        var process = _nodes[port];
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>
    /// Moves the lowest <paramref name="slots"/> slots of the master on <paramref name="from"/>, keys
    /// and all, to the master on <paramref name="to"/>, as an operator's <c>redis-cli --cluster reshard</c> does.
    /// </summary>
    public async Task ReshardAsync(int from, int to, int slots)
    {
        var reshard = await RunCliAsync(["--cluster", "reshard", $"127.0.0.1:{from}",
            "--cluster-from", await AskAsync(from, "CLUSTER", "MYID"), "--cluster-to", await AskAsync(to, "CLUSTER", "MYID"),
            "--cluster-slots", slots.ToString(), "--cluster-yes"]);
        if (reshard.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster reshard failed ({reshard.ExitCode}): {reshard.Output}");
        }
    }

    // A port that was free a moment ago may be taken by the time redis binds it; try a few.
    private async Task StartNodeAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePorts.Next();
            try
            {
                _nodes[port] = await StartProcessAsync(port);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
            }
        }
    }

    private async Task<Process> StartProcessAsync(int port)
    {
        // A node timeout of 2 s, not the default 15: a killed master's replica takes over within a
        // few seconds. No diskless-sync delay (5 s by default): replicas are in sync at once.
        var process = ServerProcesses.Start(RedisServer.Executable,
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--protected-mode", "no",
             "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(_directory, $"nodes-{port}.conf"),
             "--cluster-node-timeout", "2000", "--repl-diskless-sync-delay", "0", "--dir", _directory, "--save", "", "--appendonly", "no"], _directory);
        try
        {
            await UntilAsync(async () => process.HasExited
                ? throw new InvalidOperationException($"redis-server exited at start with code {process.ExitCode} (port {port}).")
                : await AskAsync(port, "PING") == "PONG", $"the node on port {port} answers PING");
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
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
