using System.Data.Common;
using BlazorChat.Accounts;
using BlazorChat.Bus;
using BlazorChat.Data;
using BlazorChat.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Api;

/// <summary>
/// The API's changes to rooms, for a signed-in caller only (the cookie or an access token; 401
/// without): create a room, and manage its members, moderators and bans (<see cref="RoomAdmin"/>
/// holds the rules). Each refusal has a ProblemDetails body saying why.
/// </summary>
public static class RoomAdminApi
{
    public static RouteGroupBuilder MapRoomAdminApi(this RouteGroupBuilder rooms)
    {
        rooms.MapPost("/", CreateAsync);
        MapUserList(rooms, "members", (admin, actor, room, user, ct) => admin.InviteAsync(actor, room, user, ct),
            (admin, actor, room, user, ct) => admin.RemoveMemberAsync(actor, room, user, ct));
        MapUserList(rooms, "moderators", (admin, actor, room, user, ct) => admin.AddModeratorAsync(actor, room, user, ct),
            (admin, actor, room, user, ct) => admin.RemoveModeratorAsync(actor, room, user, ct));
        MapUserList(rooms, "bans", (admin, actor, room, user, ct) => admin.BanAsync(actor, room, user, ct),
            (admin, actor, room, user, ct) => admin.UnbanAsync(actor, room, user, ct));
        return rooms;
    }

    private delegate Task<RoomAdminResult> Change(RoomAdmin admin, ChatIdentity actor, string room, string user, CancellationToken cancellationToken);

    /// <summary><c>POST /{room}/{list}</c> with <c>{"user": "..."}</c> adds; <c>DELETE /{room}/{list}/{user}</c> takes away.</summary>
    private static void MapUserList(RouteGroupBuilder rooms, string list, Change add, Change remove)
    {
        rooms.MapPost($"/{{group}}/{list}", (string group, UserRequest? request, HttpContext context, RoomAdmin admin, CancellationToken ct) =>
            request?.User is { Length: > 0 } user
                ? RunAsync(context, actor => add(admin, actor, group, user, ct))
                : Task.FromResult<IResult>(Problems.BadParameter("Send {\"user\": \"<user name>\"}.")));
        rooms.MapDelete($"/{{group}}/{list}/{{user}}", (string group, string user, HttpContext context, RoomAdmin admin, CancellationToken ct) =>
            RunAsync(context, actor => remove(admin, actor, group, user, ct)));
    }

    private static Task<IResult> CreateAsync(CreateRoomRequest? request, HttpContext context, RoomAdmin admin, CancellationToken ct) =>
        request?.Name is { } name
            ? RunAsync(context, actor => admin.CreateAsync(actor, name, request.Private, ct), created: $"/api/rooms/{Uri.EscapeDataString(name)}/members")
            : Task.FromResult<IResult>(Problems.BadParameter("Send {\"name\": \"<room name>\", \"private\": true}."));

    /// <summary>Runs a change as the signed-in caller, and answers with its outcome's status.</summary>
    private static async Task<IResult> RunAsync(HttpContext context, Func<ChatIdentity, Task<RoomAdminResult>> change, string? created = null)
    {
        var actor = ChatClaims.IdentityOf(context.User);
        if (actor.IsGuest)
        {
            return Problems.NotAdmitted(AdmissionRefusal.SignInRequired,
                "Changing rooms needs an account: sign in, or send an access token (Authorization: Bearer <token>).");
        }

        try
        {
            var result = await change(actor);
            return result.Outcome switch
            {
                RoomAdminOutcome.Done => created is null ? TypedResults.NoContent() : TypedResults.Created(created),
                RoomAdminOutcome.BadName => Problems.BadParameter(result.Detail),
                RoomAdminOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: result.Detail),
                RoomAdminOutcome.NotAllowed => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: result.Detail),
                RoomAdminOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Detail),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Saved, not yet everywhere", detail: result.Detail),
            };
        }
        catch (DbUpdateException ex) when (ex.InnerException is not DbException { IsTransient: true })
        {
            // Another request changed the same row first (two creations of one name, say).
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "The room changed meanwhile; try again.");
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) || ex is DbUpdateException)
        {
            return Problems.DatabaseUnavailable(RoomAdmission.DatabaseUnavailable);
        }
        catch (BusUnavailableException)
        {
            return Problems.Unavailable();
        }
    }
}
