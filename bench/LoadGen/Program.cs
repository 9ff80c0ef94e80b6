using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

// Load for the raw protocol: R rooms × S subscribers; the first P rooms have K publishers each,
// sending M messages apiece, as fast as a window of W unacknowledged messages allows (W = its
// own echoes not yet back) or at a fixed rate each. Each text carries its publisher, sequence
// and send time; the subscribers count deliveries, losses, duplicates, order and latency.
// Publishers may sit on another server than the subscribers (--publish-server, for Redis).
// --flooder and --stalled add the two misbehaving clients of scenario F; --idle measures the
// server's memory per idle connection instead (scenario C). --attacker adds scenario G's
// attacker, and --distinct-addresses gives every other client an address of its own (through
// X-Forwarded-For) so that the per-address limits apply as in the open; with --idle-wait-ms the
// server's memory (and Redis's, with --redis-port) is read again that long after the run.
// --redis-nodes=P1,P2,... reports each Redis node's CPU and bytes sent over the run (scenario H);
// --redis-tap=P subscribes to the first room's sharded channel on that Redis and splits each
// message's latency at the moment Redis handed it on (scenario D). --room-prefix names the rooms
// (bench_0, bench_1, ... by default), so that a warm-up run can use rooms of its own.
// Prints one JSON line.
var options = Options.Parse(args);
if (options.Idle)
{
    Console.WriteLine(JsonSerializer.Serialize(await IdleConnections.RunAsync(options)));
    return;
}

var rooms = Enumerable.Range(0, options.Rooms).Select(r => $"{options.RoomPrefix}_{r}").ToArray();
var connectClock = Stopwatch.StartNew();
var subscribers = new List<Subscriber>();
for (int r = 0; r < rooms.Length; r++)
{
    int expected = r < options.Publishers ? options.Messages * options.PublishersPerRoom : 0;
    for (int s = 0; s < options.Subscribers; s++)
    {
        var address = options.DistinctAddresses ? ClientAddresses.Legitimate(subscribers.Count) : null;
        subscribers.Add(await Subscriber.ConnectAsync(options.Server, rooms[r], expected, address));
    }
}

var publishers = new List<Publisher>();
for (int r = 0; r < Math.Min(options.Publishers, rooms.Length); r++)
{
    for (int k = 0; k < options.PublishersPerRoom; k++)
    {
        publishers.Add(await Publisher.ConnectAsync(options, rooms[r], publishers.Count));
    }
}

// Scenario F's two misbehaving clients, in the first room beside everyone else.
var flooder = options.Flooder ? await Flooder.ConnectAsync(options.Server, rooms[0]) : null;
var stalled = options.Stalled ? await StalledReader.ConnectAsync(options.Server, rooms[0]) : null;

double connectMs = connectClock.Elapsed.TotalMilliseconds;
await using var memory = new MemorySampler(options.ServerPid, options.RedisPort, options.Server);
var memoryBefore = memory.Sample();
long heapBefore = options.IdleWaitMs > 0 ? await memory.LiveHeapBytesAsync() : 0;
memory.Start();
using var tap = options.RedisTap > 0 ? new RedisTap(options.RedisTap, rooms[0]) : null;
var redisNodes = options.RedisNodes.Count > 0 ? new RedisNodes(options.RedisNodes) : null;
redisNodes?.Start();
var receiving = subscribers.Select(s => s.ReceiveAsync()).ToArray();
long start = Stopwatch.GetTimestamp();
var flooding = flooder?.RunAsync(startAfter: TimeSpan.FromSeconds(1)) ?? Task.CompletedTask;
var attacking = options.Attacker ? new Attacker(options.Server, rooms[0], TimeSpan.FromSeconds(options.AttackSeconds), options.AttackSkip).RunAsync() : Task.FromResult<object>(null!);
await Task.WhenAll(publishers.Select(p => p.PublishAsync()));
var attack = await attacking;

// The stalled reader wakes once the publishers are done: by then the server should have let it
// go, and it must read within the server's 5 s close timeout to be able to see why.
var stalledWakes = stalled?.ReadUntilClosedAsync(TimeSpan.FromSeconds(10)) ?? Task.CompletedTask;

// Everyone should have everything soon after the last send; what has not come by then is lost.
long expectedTotal = subscribers.Sum(s => (long)s.Expected);
using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
{
    try
    {
        await Task.WhenAll(receiving).WaitAsync(grace.Token);
    }
    catch (OperationCanceledException)
    {
        // Counted below as lost.
    }
}

var redis = redisNodes?.Finish(publishers.Count * (long)options.Messages);
await Task.WhenAll(flooding, stalledWakes);
await memory.DisposeAsync();
(long RssKb, long RedisBytes)? memoryAfter = null;
long? heapAfter = null;
if (options.IdleWaitMs > 0)
{
    await Task.Delay(options.IdleWaitMs);
    memoryAfter = memory.Sample();
    heapAfter = await memory.LiveHeapBytesAsync();
}

long end = subscribers.Max(s => s.LastDelivery);
var latencies = subscribers.SelectMany(s => s.Latencies).Order().ToArray();
long delivered = subscribers.Sum(s => (long)s.Delivered);
var result = new
{
    deliveriesPerSecond = delivered / Stopwatch.GetElapsedTime(start, Math.Max(end, start + 1)).TotalSeconds,
    delivered,
    expected = expectedTotal,
    lost = expectedTotal - delivered,
    duplicated = subscribers.Sum(s => s.Duplicated),
    outOfOrder = subscribers.Sum(s => s.OutOfOrder),
    p50Ms = Percentile(latencies, 0.50),
    p90Ms = Percentile(latencies, 0.90),
    p99Ms = Percentile(latencies, 0.99),
    maxMs = latencies.Length == 0 ? 0 : latencies[^1],
    connectMs,
    connections = subscribers.Count + publishers.Count + (flooder is null ? 0 : 1) + (stalled is null ? 0 : 1),
    // Subscribers and publishers the server closed during the run: none, unless something is wrong.
    closedByServer = subscribers.Count(s => s.CloseStatus is not null) + publishers.Count(p => p.CloseStatus is not null),
    flooder = flooder is null ? null : new
    {
        sent = flooder.Sent,
        deliveredToEachSubscriber = subscribers.Min(s => s.FloodDelivered),
        refusedWithNotice = flooder.RefusedNotices,
        close = flooder.Ending,
    },
    stalled = stalled is null ? null : new { received = stalled.Received, close = stalled.Ending },
    attack,
    redis,
    redisTap = tap is null ? null : TapSplit(subscribers, tap),
    memory = new
    {
        rssBeforeKb = memoryBefore.RssKb,
        rssPeakKb = memory.RssPeakKb,
        rssAfterKb = memoryAfter?.RssKb,
        redisBeforeBytes = memoryBefore.RedisBytes,
        redisPeakBytes = memory.RedisPeakBytes,
        redisAfterBytes = memoryAfter?.RedisBytes,
        liveHeapBeforeBytes = heapBefore,
        liveHeapAfterBytes = heapAfter,
    },
};
Console.WriteLine(JsonSerializer.Serialize(result));
foreach (var client in subscribers.Cast<IAsyncDisposable>().Concat(publishers).Append(flooder).Append(stalled).OfType<IAsyncDisposable>())
{
    await client.DisposeAsync();
}

// Each message's time from its send to the moment Redis handed it on, and each delivery's from
// that moment to its subscriber's read; a message the tap missed counts in neither.
static object TapSplit(IEnumerable<Subscriber> subscribers, RedisTap tap)
{
    var toRedis = new Dictionary<(int, long), double>();
    var fromRedis = new List<double>();
    foreach (var (publisher, seq, sent, received) in subscribers.SelectMany(s => s.Arrivals))
    {
        if (tap.TryGetArrival(publisher, seq, out long handedOn))
        {
            toRedis[(publisher, seq)] = Stopwatch.GetElapsedTime(sent, handedOn).TotalMilliseconds;
            fromRedis.Add(Stopwatch.GetElapsedTime(handedOn, received).TotalMilliseconds);
        }
    }

    var first = toRedis.Values.Order().ToArray();
    var second = fromRedis.Order().ToArray();
    return new
    {
        messages = first.Length,
        sendToRedisP50Ms = Percentile(first, 0.50),
        sendToRedisP99Ms = Percentile(first, 0.99),
        redisToSocketP50Ms = Percentile(second, 0.50),
        redisToSocketP99Ms = Percentile(second, 0.99),
    };
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

sealed record Options(
    Uri Server, Uri PublishServer, int Rooms, int Subscribers, int Publishers, int PublishersPerRoom,
    int Messages, int Window, int Rate, int Payload, bool Flooder, bool Stalled, bool Idle, int ServerPid, int SettleMs,
    bool Attacker, int AttackSeconds, IReadOnlySet<string> AttackSkip, bool DistinctAddresses, int RedisPort, int IdleWaitMs,
    IReadOnlyList<int> RedisNodes, int RedisTap, string RoomPrefix)
{
    public static Options Parse(string[] args)
    {
        var map = args.Select(a => a.Split('=', 2)).ToDictionary(a => a[0].TrimStart('-'), a => a.Length > 1 ? a[1] : "");
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var server = new Uri(map.GetValueOrDefault("server", "ws://127.0.0.1:5000/"));
        return new Options(server, map.TryGetValue("publish-server", out var p) ? new Uri(p) : server,
            Int("rooms", 1), Int("subscribers", 200), Int("publishers", 1), Int("publishers-per-room", 1),
            Int("messages", 2000), Int("window", 32), Int("rate", 0), Int("payload", 64),
            map.ContainsKey("flooder"), map.ContainsKey("stalled"), map.ContainsKey("idle"), Int("server-pid", 0), Int("settle-ms", 2000),
            map.ContainsKey("attacker"), Int("attack-seconds", 6),
            map.TryGetValue("attack-skip", out var skip) ? skip.Split(',').ToHashSet() : new HashSet<string>(), map.ContainsKey("distinct-addresses"), Int("redis-port", 0), Int("idle-wait-ms", 0),
            map.TryGetValue("redis-nodes", out var nodes) ? [.. nodes.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] : [],
            Int("redis-tap", 0), map.GetValueOrDefault("room-prefix", "bench"));
    }
}
