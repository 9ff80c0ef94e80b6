using BlazorChat.Chat;
using Microsoft.Extensions.Options;

namespace BlazorChat.WebSockets;

/// <summary>
/// Caps the browser pages connected at once from one client address
/// (<c>Limits:MaxCircuitsPerAddress</c>): each page's circuit holds one long-lived request to
/// <c>/_blazor</c> (its WebSocket, or its stream when WebSockets are not to be had), counted while
/// it lasts. Past the cap, the page's connection is answered 429 and the page says it cannot
/// connect; the address's other pages carry on.
/// </summary>
internal sealed class CircuitsPerAddress(IOptions<LimitsOptions> limits)
{
    private readonly ConnectionsPerAddress _open = new(limits.Value.MaxCircuitsPerAddress);

    /// <summary>A circuit's connection, as opposed to its negotiation or its other short calls.</summary>
    public static bool IsCircuitConnection(HttpRequest request) =>
        request.Path.Equals("/_blazor", StringComparison.OrdinalIgnoreCase) && request.Query.ContainsKey("id");

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var address = context.Connection.RemoteIpAddress;
        if (!_open.TryAcquire(address))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsync($"This address already has {limits.Value.MaxCircuitsPerAddress} pages open; close one first.");
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            _open.Release(address);
        }
    }
}
