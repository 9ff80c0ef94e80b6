using BlazorChat.Bus;
using BlazorChat.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BlazorChat.Api;

/// <summary>The refusals that the socket endpoint and the HTTP API share, each with its ProblemDetails body.</summary>
internal static class Problems
{
    public static ProblemHttpResult NoSuchRoom() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such room", detail: GroupName.Rule);

    public static ProblemHttpResult BadParameter(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad parameter", detail: detail);

    public static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chat bus unavailable",
            detail: "Redis cannot be reached right now; try again shortly.");

    /// <summary>
    /// Null when <paramref name="since"/> (as the client wrote it, <paramref name="asked"/>) is an id
    /// the room has issued; else the 400 that says it is not (or the 503 when the room cannot be read to tell).
    /// </summary>
    public static async Task<ProblemHttpResult?> CheckSinceAsync(IRoomHistory history, string group, MessageId since, string? asked, CancellationToken cancellationToken)
    {
        try
        {
            return await history.HasIssuedAsync(group, since, cancellationToken)
                ? null
                : BadParameter($"since={asked} is not an id room '{group}' has issued.");
        }
        catch (BusUnavailableException)
        {
            return Unavailable();
        }
    }
}
