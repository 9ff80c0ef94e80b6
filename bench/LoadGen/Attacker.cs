using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

/// <summary>
/// Scenario G's attacker: one address (<see cref="ClientAddresses.Attacker"/>) that, for a bounded
/// time, holds as many sockets that read nothing as it is let open in the busy room, hops through
/// up to 10,000 new rooms saying one thing in each, churns joins and leaves in the busy room,
/// floods, asks the API for its largest pages, and opens as many pages (circuits) as it may.
/// It counts what the server let it do and what it refused.
/// </summary>
sealed class Attacker(Uri server, string busyRoom, TimeSpan duration, IReadOnlySet<string> skip)
{
    private const int Rooms = 10_000;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    // After a refusal each loop waits this long, so it retries about 50 times a second: an attacker's
    // script on a machine of its own would go faster, but here it shares the legitimate clients'
    // process and the two cores, and a busy loop would measure the load generator, not the server.
    private static readonly TimeSpan AfterRefusal = TimeSpan.FromMilliseconds(20);

    private readonly List<ClientWebSocket> _held = [];
    private int _roomsJoined, _roomsRefused, _churnJoined, _churnRefused, _apiAnswered, _apiRefused, _pagesHeld, _pagesRefused;
    private string _flood = "not closed";

    public async Task<object> RunAsync()
    {
        using var stop = new CancellationTokenSource(duration);
        // --attack-skip=hold,hop,... leaves parts out, to see what each costs the others.
        var parts = new Dictionary<string, Func<CancellationToken, Task>>
        {
            ["hold"] = HoldAsync, ["hop"] = HopAsync, ["churn"] = ChurnAsync, ["flood"] = FloodAsync, ["api"] = ReadApiAsync, ["pages"] = OpenPagesAsync,
        };
        await Task.WhenAll(parts.Where(part => !skip.Contains(part.Key)).Select(part => part.Value(stop.Token)));
        foreach (var socket in _held)
        {
            socket.Abort();
            socket.Dispose();
        }

        return new
        {
            heldSockets = _held.Count,
            roomsJoined = _roomsJoined,
            roomsRefused = _roomsRefused,
            churnJoined = _churnJoined,
            churnRefused = _churnRefused,
            flood = _flood,
            apiAnswered = _apiAnswered,
            apiRefused = _apiRefused,
            pagesHeld = _pagesHeld,
            pagesRefused = _pagesRefused,
        };
    }

    // Sockets in the busy room that never read: each is let go once its queue is full.
    private async Task HoldAsync(CancellationToken stop)
    {
        for (int i = 0; i < 200 && !stop.IsCancellationRequested; i++)
        {
            if (await TryConnectAsync($"ws/{busyRoom}/?name=holder{i}") is not { } socket)
            {
                return;
            }

            lock (_held)
            {
                _held.Add(socket);
            }
        }
    }

    private async Task HopAsync(CancellationToken stop)
    {
        for (int n = 0; n < Rooms && !stop.IsCancellationRequested; n++)
        {
            if (await TryConnectAsync($"ws/junk_{n}/?name=hopper") is not { } socket)
            {
                Interlocked.Increment(ref _roomsRefused);
                await Task.Delay(AfterRefusal, CancellationToken.None);
                continue;
            }

            Interlocked.Increment(ref _roomsJoined);
            await socket.SendAsync("here"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            socket.Abort();
            socket.Dispose();
        }
    }

    private async Task ChurnAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (await TryConnectAsync($"ws/{busyRoom}/?name=churner") is not { } socket)
            {
                Interlocked.Increment(ref _churnRefused);
                await Task.Delay(AfterRefusal, CancellationToken.None);
                continue;
            }

            Interlocked.Increment(ref _churnJoined);
            socket.Abort();
            socket.Dispose();
        }
    }

    private async Task FloodAsync(CancellationToken stop)
    {
        using var socket = await TryConnectAsync("ws/junk_flood/?name=flooder");
        if (socket is null)
        {
            _flood = "refused before the upgrade";
            return;
        }

        var reading = Task.Run(async () =>
        {
            var buffer = new byte[8192];
            try
            {
                while ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
                {
                }

                _flood = ((int?)socket.CloseStatus)?.ToString() ?? "closed";
            }
            catch (WebSocketException)
            {
                _flood = "cut";
            }
        });
        try
        {
            for (int i = 0; !stop.IsCancellationRequested && socket.State == WebSocketState.Open; i++)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes($"flood {i}"), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Closed under it: the reader says how.
        }

        await reading.WaitAsync(AttemptTimeout).ContinueWith(_ => { });
    }

    private async Task ReadApiAsync(CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Authority}/") };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddresses.Attacker);
        while (!stop.IsCancellationRequested)
        {
            foreach (var path in new[] { $"api/rooms/{busyRoom}/messages?limit=100", "api/rooms" })
            {
                try
                {
                    using var response = await http.GetAsync(path, stop);
                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _apiAnswered : ref _apiRefused);
                    await response.Content.CopyToAsync(Stream.Null, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Pages as Blazor's script opens them: negotiate, then the circuit's WebSocket, held.
    private async Task OpenPagesAsync(CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Authority}/") };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddresses.Attacker);
        for (int i = 0; i < 40 && !stop.IsCancellationRequested; i++)
        {
            using var negotiated = await http.PostAsync("_blazor/negotiate?negotiateVersion=1", null, stop);
            if (!negotiated.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _pagesRefused);
                continue;
            }

            var token = (await negotiated.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("connectionToken").GetString();
            if (await TryConnectAsync($"_blazor?id={token}", readWelcome: false) is { } page)
            {
                Interlocked.Increment(ref _pagesHeld);
                lock (_held)
                {
                    _held.Add(page);
                }
            }
            else
            {
                Interlocked.Increment(ref _pagesRefused);
            }
        }
    }

    private async Task<ClientWebSocket?> TryConnectAsync(string path, bool readWelcome = true)
    {
        var socket = new ClientWebSocket();
        ClientAddresses.Apply(socket, ClientAddresses.Attacker);
        using var timeout = new CancellationTokenSource(AttemptTimeout);
        try
        {
            await socket.ConnectAsync(new Uri(server, path), timeout.Token);
            if (readWelcome)
            {
                await socket.ReceiveAsync(new byte[8192], timeout.Token);
            }

            return socket;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }
}
