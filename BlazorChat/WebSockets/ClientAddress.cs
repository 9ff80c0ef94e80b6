using System.Net;
using System.Net.Sockets;

namespace BlazorChat.WebSockets;

/// <summary>
/// Which addresses count as one client for per-address limits. An IPv4 address is a client of
/// its own. An IPv6 client is its /64: that is what one subscriber or one LAN is given (RFC 6177),
/// and its 2^64 addresses are the holder's to use at will, so counting each one would give one
/// client as many caps as it cares to pick addresses. An IPv4-mapped IPv6 address
/// (<c>::ffff:1.2.3.4</c>, as a dual-stack socket reports an IPv4 peer) counts as its IPv4 address.
/// </summary>
internal static class ClientAddress
{
    /// <summary>The key that <paramref name="address"/> is counted under: the address itself, its IPv4 form, or its /64.</summary>
    public static IPAddress KeyOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        // The first 8 of 16 bytes; the interface half and any scope id (fe80::1%eth0) are dropped.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
