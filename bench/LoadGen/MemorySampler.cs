/// <summary>
/// Samples the server's RSS (and, on Redis, Redis's used_memory) every quarter second while it
/// runs: scenario G reports them before the attack, at their peak, and after the idle time.
/// </summary>
sealed class MemorySampler(int serverPid, int redisPort, Uri server) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;

    public long RssPeakKb { get; private set; }

    public long RedisPeakBytes { get; private set; }

    public (long RssKb, long RedisBytes) Sample() =>
        (serverPid > 0 ? IdleConnections.ResidentKilobytes(serverPid) : 0, redisPort > 0 ? RedisUsedMemory(redisPort) : 0);

    public void Start() => _sampling = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            var (rss, redis) = Sample();
            RssPeakKb = Math.Max(RssPeakKb, rss);
            RedisPeakBytes = Math.Max(RedisPeakBytes, redis);
            await Task.Delay(250);
        }
    });

    /// <summary>
    /// The server's live managed heap after its last collection, from its /metrics
    /// (<c>dotnet.gc.last_collection.heap.size</c>, summed over the generations): what RSS holds
    /// beyond it is the GC's and the runtime's, not the app's.
    /// </summary>
    public async Task<long> LiveHeapBytesAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://{server.Authority}/metrics"));
        return (long)text.Split('\n')
            .Where(line => line.StartsWith("dotnet_gc_last_collection_heap_size_bytes", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>used_memory from INFO memory.</summary>
    public static long RedisUsedMemory(int port) => (long)Resp.Number(Resp.Ask(port, "INFO", "memory"), "used_memory");

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_sampling is not null)
        {
            await _sampling;
        }
    }
}
