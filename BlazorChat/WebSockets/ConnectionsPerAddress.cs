using System.Collections.Concurrent;
using System.Net;
using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// Counts open sockets per client address (<c>Limits:MaxConnectionsPerAddress</c>), so that one
/// address cannot take all the server's sockets. Over the cap, a connection is answered 429
/// before the upgrade. An IPv6 client is counted by its /64 (see <see cref="ClientAddress"/>).
/// </summary>
internal sealed class ConnectionsPerAddress(IOptions<LimitsOptions> limits)
{
    private readonly int _max = limits.Value.MaxConnectionsPerAddress;
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

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
