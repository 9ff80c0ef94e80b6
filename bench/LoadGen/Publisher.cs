using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

/// <summary>
/// Sends its messages as <c>id:seq:timestamp:padding</c>, either at a fixed rate or as fast as a
/// window of unacknowledged messages allows; its own echo is the acknowledgement. Other texts in
/// the room (other publishers', a flooder's) are read and ignored, so it never stalls the room.
/// </summary>
sealed class Publisher : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Options _options;
    private readonly int _id;
    private readonly SemaphoreSlim _window;
    private readonly TaskCompletionSource _allEchoed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Publisher(Options options, string room, int id)
    {
        _options = options;
        Room = room;
        _id = id;
        _window = new SemaphoreSlim(options.Window);
    }

    public string Room { get; }

    /// <summary>Set when the server closed this publisher.</summary>
    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public static async Task<Publisher> ConnectAsync(Options options, string room, int id)
    {
        var publisher = new Publisher(options, room, id);
        ClientAddresses.Apply(publisher._socket, options.DistinctAddresses ? ClientAddresses.Legitimate(10_000 + id) : null);
        await publisher._socket.ConnectAsync(new Uri(options.PublishServer, $"ws/{room}/?name=publisher{id}"), CancellationToken.None);
        var buffer = new byte[8192];
        await publisher._socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);   // the welcome
        return publisher;
    }

    /// <summary>Sends every message; with no rate, at most Window of them unacknowledged by their echo.</summary>
    public async Task PublishAsync()
    {
        _ = ReceiveAsync();
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

        await _allEchoed.Task;
    }

    // Reads until the connection ends (at dispose), counting its own echoes among the room's texts.
    private async Task ReceiveAsync()
    {
        var buffer = new byte[8192];
        var own = Encoding.UTF8.GetBytes($"{_id}:");
        int echoes = 0;
        bool atStart = true, isOwn = false;
        try
        {
            while (true)
            {
                var frame = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = _socket.CloseStatus;
                    break;
                }

                if (atStart)
                {
                    isOwn = buffer.AsSpan(0, frame.Count).StartsWith(own);
                }

                atStart = frame.EndOfMessage;
                if (frame.EndOfMessage && isOwn)
                {
                    _window.Release();
                    if (++echoes == _options.Messages)
                    {
                        _allEchoed.TrySetResult();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Disposed, or dropped: what did not come back shows as lost at the subscribers.
        }

        // Without its connection it will get no more echoes: let the send loop run into the closed
        // socket rather than wait for ever; the run ends on the subscribers' count.
        _window.Release(_options.Window);
        _allEchoed.TrySetResult();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
