using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// Refuses cross-site WebSocket hijacking: a browser always sends <c>Origin</c>, and a page from
/// another site must not open a socket into the rooms with its visitor's cookies. A request with
/// no <c>Origin</c> comes from a script or a tool, not a browser page, and is allowed.
/// </summary>
/// <remarks>
/// The app's own host is compared by host and port only, not scheme, so a TLS proxy in front
/// of plain-HTTP Kestrel still counts as the same site.
/// ASP.NET Core's <c>WebSocketOptions.AllowedOrigins</c> is a fixed list and cannot say "the
/// host this request came to", which is why this check is our own.
/// </remarks>
public sealed class OriginPolicy(IOptions<OriginOptions> options)
{
    private readonly HashSet<string> _allowed = new(
        options.Value.AllowedOrigins.Select(o => new Uri(o).GetLeftPart(UriPartial.Authority)),
        StringComparer.OrdinalIgnoreCase);

    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            // Includes the literal "null" that sandboxed frames and file: pages send.
            return false;
        }

        // A Host header without a port means the default port of the scheme the page was served over.
        bool sameHost = string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == (request.Host.Port ?? uri.Port);
        return sameHost || _allowed.Contains(uri.GetLeftPart(UriPartial.Authority));
    }
}
