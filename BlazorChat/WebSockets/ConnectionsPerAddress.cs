using System.Collections.Concurrent;
using System.Net;
using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// Counts open connections per client address, so that one address cannot take all the server's
/// connections: the sockets (<c>Limits:MaxConnectionsPerAddress</c>; over the cap, a socket is
/// answered 429 before the upgrade), and the pages' circuits (<see cref="CircuitsPerAddress"/>).
/// An IPv6 client is counted by its /64 (see <see cref="ClientAddress"/>).
/// </summary>
internal sealed class ConnectionsPerAddress(int max)
{
    private readonly int _max = max;
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>The sockets' cap.</summary>
    public ConnectionsPerAddress(IOptions<LimitsOptions> limits)
        : this(limits.Value.MaxConnectionsPerAddress)
    {
    }

    public int Max => _max;

    /// <summary>Counts a connection in; false (and not counted) when the address is at the cap.</summary>
    public bool TryAcquire(IPAddress? address)
    {
        if (_max == 0 || address is null)
        {
            return true;
        }

        address = ClientAddress.KeyOf(address);
        while (true)
        {
            int current = _open.GetValueOrDefault(address);
            if (current >= _max)
            {
                return false;
            }

            if (current == 0 ? _open.TryAdd(address, 1) : _open.TryUpdate(address, current + 1, current))
            {
                return true;
            }
        }
    }

    public void Release(IPAddress? address)
    {
        if (_max == 0 || address is null)
        {
            return;
        }

        address = ClientAddress.KeyOf(address);
        while (true)
        {
            int current = _open[address];
            // The last one out removes the entry, so idle addresses take no memory.
            if (current == 1 ? _open.TryRemove(new KeyValuePair<IPAddress, int>(address, 1)) : _open.TryUpdate(address, current - 1, current))
            {
                return;
            }
        }
    }
}
