using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

// Load for the raw protocol: R rooms × S subscribers, one publisher per room (P rooms have one),
// M messages each, as fast as a window of W unacknowledged messages allows (W = its own echoes
// not yet back) or at a fixed rate. Each text carries its publisher, sequence and send time; the
// subscribers count deliveries, losses, duplicates, order and latency. Prints one JSON line.
var options = Options.Parse(args);
var rooms = Enumerable.Range(0, options.Rooms).Select(r => $"bench_{r}").ToArray();
var connectClock = Stopwatch.StartNew();
var subscribers = new List<Subscriber>();
foreach (var room in rooms)
{
    for (int s = 0; s < options.Subscribers; s++)
    {
        subscribers.Add(await Subscriber.ConnectAsync(options, room));
    }
}

var publishers = new List<Publisher>();
for (int p = 0; p < Math.Min(options.Publishers, rooms.Length); p++)
{
    publishers.Add(await Publisher.ConnectAsync(options, rooms[p], p));
}

double connectMs = connectClock.Elapsed.TotalMilliseconds;
var receiving = subscribers.Select(s => s.ReceiveAsync()).ToArray();
long start = Stopwatch.GetTimestamp();
await Task.WhenAll(publishers.Select(p => p.PublishAsync()));

// Everyone should have everything soon after the last send; what has not come by then is lost.
var expected = subscribers.Sum(s => (long)options.Messages * publishers.Count(p => p.Room == s.Room));
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

long end = subscribers.Max(s => s.LastDelivery);
var latencies = subscribers.SelectMany(s => s.Latencies).Order().ToArray();
long delivered = subscribers.Sum(s => (long)s.Delivered);
var result = new
{
    deliveriesPerSecond = delivered / Stopwatch.GetElapsedTime(start, Math.Max(end, start + 1)).TotalSeconds,
    delivered,
    expected,
    lost = expected - delivered,
    duplicated = subscribers.Sum(s => s.Duplicated),
    outOfOrder = subscribers.Sum(s => s.OutOfOrder),
    p50Ms = Percentile(latencies, 0.50),
    p90Ms = Percentile(latencies, 0.90),
    p99Ms = Percentile(latencies, 0.99),
    maxMs = latencies.Length == 0 ? 0 : latencies[^1],
    connectMs,
    connections = subscribers.Count + publishers.Count,
};
Console.WriteLine(JsonSerializer.Serialize(result));
foreach (var client in subscribers.Cast<IAsyncDisposable>().Concat(publishers))
{
    await client.DisposeAsync();
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

sealed record Options(Uri Server, int Rooms, int Subscribers, int Publishers, int Messages, int Window, int Rate, int Payload)
{
    public static Options Parse(string[] args)
    {
        var map = args.Select(a => a.Split('=', 2)).ToDictionary(a => a[0].TrimStart('-'), a => a.Length > 1 ? a[1] : "");
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(new Uri(map.GetValueOrDefault("server", "ws://127.0.0.1:5000/")),
            Int("rooms", 1), Int("subscribers", 200), Int("publishers", 1), Int("messages", 2000),
            Int("window", 32), Int("rate", 0), Int("payload", 64));
    }
}

sealed class Subscriber : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, long> _lastSeq = [];
    private readonly int _expected;

    private Subscriber(string room, int expected)
    {
        Room = room;
        _expected = expected;
    }

    public string Room { get; }

    public int Delivered { get; private set; }

    public int Duplicated { get; private set; }

    public int OutOfOrder { get; private set; }

    public long LastDelivery { get; private set; }

    public List<double> Latencies { get; } = [];

    public static async Task<Subscriber> ConnectAsync(Options options, string room)
    {
        var subscriber = new Subscriber(room, options.Messages);
        await subscriber._socket.ConnectAsync(new Uri(options.Server, $"ws/{room}/"), CancellationToken.None);
        await subscriber.ReceiveOneAsync(new byte[8192]);   // the welcome
        return subscriber;
    }

    public async Task ReceiveAsync()
    {
        var buffer = new byte[8192];
        while (Delivered + Duplicated < _expected)
        {
            var text = await ReceiveOneAsync(buffer);
            long now = Stopwatch.GetTimestamp();
            var parts = text.Split(':', 4);
            if (parts.Length < 4 || !int.TryParse(parts[0], out int publisher))
            {
                continue;
            }

            long seq = long.Parse(parts[1], CultureInfo.InvariantCulture);
            long sent = long.Parse(parts[2], CultureInfo.InvariantCulture);
            long last = _lastSeq.GetValueOrDefault(publisher, -1);
            if (seq <= last)
            {
                Duplicated++;
                continue;
            }

            if (seq != last + 1)
            {
                OutOfOrder++;
            }

            _lastSeq[publisher] = seq;
            Delivered++;
            LastDelivery = now;
            Latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        }
    }

    private async Task<string> ReceiveOneAsync(byte[] buffer)
    {
        int length = 0;
        ValueWebSocketReceiveResult frame;
        do
        {
            frame = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            length += frame.Count;
        }
        while (!frame.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

sealed class Publisher : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Options _options;
    private readonly int _id;
    private readonly SemaphoreSlim _window;

    private Publisher(Options options, string room, int id)
    {
        _options = options;
        Room = room;
        _id = id;
        _window = new SemaphoreSlim(options.Window);
    }

    public string Room { get; }

    public static async Task<Publisher> ConnectAsync(Options options, string room, int id)
    {
        var publisher = new Publisher(options, room, id);
        await publisher._socket.ConnectAsync(new Uri(options.Server, $"ws/{room}/?name=publisher{id}"), CancellationToken.None);
        var buffer = new byte[8192];
        await publisher._socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);   // the welcome
        return publisher;
    }

    /// <summary>Sends every message; with no rate, at most Window of them unacknowledged by their echo.</summary>
    public async Task PublishAsync()
    {
        var echoes = _options.Rate == 0 ? CountEchoesAsync() : DrainAsync();
        var padding = new string('x', Math.Max(0, _options.Payload - 40));
        long interval = _options.Rate == 0 ? 0 : Stopwatch.Frequency / _options.Rate;
        long next = Stopwatch.GetTimestamp();
        for (int seq = 0; seq < _options.Messages; seq++)
        {
            if (interval > 0)
            {
                next += interval;
                while (Stopwatch.GetTimestamp() < next)
                {
                    await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (next - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
                }
            }
            else
            {
                await _window.WaitAsync();
            }

            var text = $"{_id}:{seq}:{Stopwatch.GetTimestamp()}:{padding}";
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }

        await echoes;
    }

    private async Task CountEchoesAsync()
    {
        var buffer = new byte[8192];
        for (int received = 0; received < _options.Messages;)
        {
            var frame = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            if (frame.EndOfMessage)
            {
                received++;
                _window.Release();
            }
        }
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[8192];
        for (int received = 0; received < _options.Messages;)
        {
            if ((await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).EndOfMessage)
            {
                received++;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
