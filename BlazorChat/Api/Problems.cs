using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Rooms;
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

    /// <summary>The answer to someone a room would not admit (see <see cref="RoomAdmission"/>).</summary>
    public static ProblemHttpResult NotAdmitted(AdmissionRefusal refusal, string detail) => refusal switch
    {
        AdmissionRefusal.BadName => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad display name", detail: detail),
        AdmissionRefusal.SignInRequired => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required", detail: detail),
        AdmissionRefusal.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a member", detail: detail),
        AdmissionRefusal.NameTaken => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken", detail: detail),
        _ => DatabaseUnavailable(detail),
    };

    public static ProblemHttpResult DatabaseUnavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable", detail: detail);

    /// <summary>A request whose access token is malformed, unknown or revoked.</summary>
    public static ProblemHttpResult BadToken() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad access token",
            detail: "The access token is not valid, or was revoked. Create one on your account page.");

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
