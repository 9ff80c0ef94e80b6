using System.Net;
using System.Net.Sockets;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A loopback TCP forwarder in front of a server, whose connections a test can cut at will: the
/// way a flaky network drops a browser's circuit without the server going anywhere.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _refusing;

    public TcpProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>Cuts every connection and refuses new ones until <see cref="Resume"/>: an outage on this path only.</summary>
    public void Pause()
    {
        _refusing = true;
        DropConnections();
    }

    public void Resume() => _refusing = false;

    /// <summary>Resets every connection passing through; new ones are still accepted.</summary>
    public void DropConnections()
    {
        lock (_open)
        {
            foreach (var client in _open)
            {
                // A reset, not a goodbye: linger 0 makes the close abortive. Null once the pump closed it.
                client.Client?.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_refusing)
            {
                inbound.Client.LingerState = new LingerOption(true, 0);
                inbound.Dispose();
                continue;
            }

            var outbound = new TcpClient();
            await outbound.ConnectAsync(_target.Host, _target.Port);
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // Cut by DropConnections or by either end: the other direction ends with it.
        }
        finally
        {
            to.Dispose();
            from.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        DropConnections();
        await _accepting;
        _stop.Dispose();
    }
}
