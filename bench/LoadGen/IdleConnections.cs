using System.Diagnostics;

/// <summary>
/// Scenario C: the server's resident memory per idle connection. One connection per room is
/// opened first and kept, so one-off costs (JIT, pools, the rooms themselves) fall before the
/// baseline; then rooms × subscribers more, and the RSS growth is divided among them.
/// </summary>
static class IdleConnections
{
    private const int ConcurrentConnects = 32;

    public static async Task<object> RunAsync(Options options)
    {
        if (options.ServerPid == 0)
        {
            throw new ArgumentException("--idle needs --server-pid to read the server's memory.");
        }

        var rooms = Enumerable.Range(0, options.Rooms).Select(r => $"idle_{r}").ToArray();
        var clients = new List<Subscriber>();
        foreach (var room in rooms)
        {
            clients.Add(await Subscriber.ConnectAsync(options.Server, room, expected: 0));
        }

        await Task.Delay(options.SettleMs);
        long before = ResidentKilobytes(options.ServerPid);
        var connectClock = Stopwatch.StartNew();
        var added = new Subscriber[options.Rooms * options.Subscribers];
        await Parallel.ForAsync(0, added.Length, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentConnects }, async (i, _) =>
            added[i] = await Subscriber.ConnectAsync(options.Server, rooms[i % rooms.Length], expected: 0));
        double connectMs = connectClock.Elapsed.TotalMilliseconds;
        clients.AddRange(added);
        var listening = clients.Select(c => c.ListenAsync()).ToArray();
        await Task.Delay(options.SettleMs);
        long after = ResidentKilobytes(options.ServerPid);

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await Task.WhenAll(listening);
        return new
        {
            connections = added.Length,
            rssBeforeKb = before,
            rssAfterKb = after,
            kbPerConnection = (after - before) / (double)added.Length,
            connectMs,
        };
    }

    /// <summary>VmRSS of a process, from /proc/PID/status, in kB.</summary>
    public static long ResidentKilobytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
    }
}
