using System.Diagnostics;
using System.Net.Sockets;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A real nginx running the repository's <c>deploy/nginx.conf</c>, with its ports (8080 in front,
/// 5001 and 5002 behind) swapped for the test's; everything else exactly as deployed.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _prefix;

    private NginxServer(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUri { get; }

    public static async Task<NginxServer> StartAsync(Uri first, Uri second)
    {
        var config = await File.ReadAllTextAsync(Path.Combine(AppProcess.RepositoryRoot, "deploy", "nginx.conf"));
        foreach (var (deployed, actual) in new[] { ("127.0.0.1:5001", first.Authority), ("127.0.0.1:5002", second.Authority) })
        {
            Assert.Contains(deployed, config);
            config = config.Replace(deployed, actual);
        }

        int port = FreePorts.Next();
        Assert.Contains("listen 127.0.0.1:8080;", config);
        config = config.Replace("listen 127.0.0.1:8080;", $"listen 127.0.0.1:{port};");

        var prefix = Directory.CreateTempSubdirectory("blazorchat-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        // nginx's workers drop root for nobody; they buffer large responses under temp/.
        var temp = Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp.FullName, (UnixFileMode)0b111_111_111);
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
        }
        var configPath = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);

        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", prefix, "-c", configPath, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var server = new NginxServer(process, prefix, port);
        await Wait.UntilAsync(async () => process.HasExited || await AcceptsAsync(port), "nginx listens");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        }

        return server;
    }

    /// <summary>Every request nginx logged, as its access log has it.</summary>
    public string AccessLog()
    {
        var path = Path.Combine(_prefix, "logs", "access.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>What nginx logged as errors, to explain a failure.</summary>
    public string ErrorLog()
    {
        var path = Path.Combine(_prefix, "logs", "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, so the master takes its workers down with it (SIGKILL would orphan them).
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            {
                await kill.WaitForExitAsync();
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp clean-up.
        }
    }
}
