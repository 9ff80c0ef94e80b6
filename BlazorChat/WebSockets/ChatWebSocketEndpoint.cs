using BlazorChat.Api;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Rooms;

namespace BlazorChat.WebSockets;

/// <summary>
/// <c>/ws/{group}/</c>: the raw socket rooms. Everything that can be refused is refused here,
/// before the upgrade, with a ProblemDetails body saying why (a bad access token before this, by
/// <see cref="Accounts.BadTokens"/>).
/// </summary>
public static class ChatWebSocketEndpoint
{
    public static IEndpointRouteBuilder MapChatWebSocket(this IEndpointRouteBuilder endpoints)
    {
        // Routing treats the trailing slash as optional, so /ws/lobby and /ws/lobby/ both land here.
        endpoints.Map("/ws/{group}/", HandleAsync).WithName("ChatWebSocket").RequireRateLimiting(AddressRateLimits.Joins);
        // Made now, so that it is there to close the sockets whenever the server stops.
        endpoints.ServiceProvider.GetRequiredService<OpenSockets>();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, string group, OriginPolicy originPolicy, SocketConnectionHandler connections, IRoomHistory history,
        ConnectionsPerAddress connectionsPerAddress, RoomAdmission admissions)
    {
        if (!GroupName.IsValid(group))
        {
            return Problems.NoSuchRoom();
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebSocket upgrade required",
                detail: $"Connect to /ws/{group}/ with a WebSocket client.");
        }

        if (!originPolicy.Allows(context.Request))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed",
                detail: "Sockets may be opened from this site's own pages or from an origin listed in AllowedOrigins.");
        }

        var requestedName = context.Request.Query["name"];
        var admission = await admissions.AdmitAsync(context.User, group, requestedName.Count == 0 ? null : requestedName[0], context.RequestAborted);
        if (!admission.Admitted)
        {
            return Problems.NotAdmitted(admission.Refusal!.Value, admission.Detail!);
        }

        if (SocketProtocol.TryRead(context.Request.Query, out var protocol) is { } problem)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: problem);
        }

        var address = context.Connection.RemoteIpAddress;
        if (!connectionsPerAddress.TryAcquire(address))
        {
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many connections",
                detail: $"This address already has {connectionsPerAddress.Max} sockets open; close one first.");
        }

        try
        {
            // Checked once the address has its slot, so that nobody makes Redis calls past the cap.
            if (protocol.Since is { } since
                && await Problems.CheckSinceAsync(history, group, since, context.Request.Query["since"], context.RequestAborted) is { } unknown)
            {
                return unknown;
            }

            await connections.RunAsync(context, group, admission.Name, admission.Identity, protocol);
        }
        finally
        {
            connectionsPerAddress.Release(address);
        }

        return Results.Empty;
    }
}
