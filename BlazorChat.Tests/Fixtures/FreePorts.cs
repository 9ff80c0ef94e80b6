using System.Net;
using System.Net.Sockets;

namespace BlazorChat.Tests.Fixtures;

internal static class FreePorts
{
    /// <summary>A loopback port free a moment ago; a server given it may still lose a race for it, so retry on failure.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
