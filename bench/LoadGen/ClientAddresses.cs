using System.Net.WebSockets;

/// <summary>
/// Who a client says it is, as a proxy on loopback would say it (X-Forwarded-For, which the app
/// trusts from loopback): scenario G gives each legitimate client an address of its own, as real
/// users have, and the attacker one, so that the per-address limits apply as they would in the open.
/// </summary>
static class ClientAddresses
{
    /// <summary>The one address the attacker has (TEST-NET-3).</summary>
    public const string Attacker = "203.0.113.66";

    /// <summary>Client <paramref name="n"/>'s address, in the range set aside for benchmarks (198.18.0.0/15).</summary>
    public static string Legitimate(int n) => $"198.18.{n / 250}.{n % 250 + 1}";

    public static void Apply(ClientWebSocket socket, string? forwardedFor)
    {
        if (forwardedFor is not null)
        {
            socket.Options.SetRequestHeader("X-Forwarded-For", forwardedFor);
        }
    }
}
