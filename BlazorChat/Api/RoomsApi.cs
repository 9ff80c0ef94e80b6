using System.Security.Claims;
using BlazorChat.Accounts;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BlazorChat.Api;

/// <summary>
/// <c>/api/rooms</c>: JSON for scripts and dashboards. A bad room name answers 404, a bad
/// parameter 400, an unreachable bus 503, each with a ProblemDetails body saying why. The list
/// leaves private rooms out; a private room's members and messages are for its members only
/// (<see cref="RoomAdmission"/>: 401 without an identity, 403 with another). The changes to
/// rooms are <see cref="RoomAdminApi"/>'s.
/// </summary>
public static class RoomsApi
{
    public const int DefaultLimit = 50;

    /// <summary>
    /// The most messages one request reads, whatever <c>History:Length</c> keeps: anyone may ask,
    /// so what one request costs is fixed. A client pages through the rest with <c>since</c>.
    /// </summary>
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder endpoints)
    {
        var rooms = endpoints.MapGroup("/api/rooms").RequireRateLimiting(WebSockets.AddressRateLimits.Api);
        rooms.MapGet("/", ListRoomsAsync);
        rooms.MapGet("/{group}/members", ListMembersAsync);
        rooms.MapGet("/{group}/messages", ReadMessagesAsync);
        rooms.MapRoomAdminApi();
        return endpoints;
    }

    /// <summary>The instance's shared snapshot, at most <see cref="RoomListCache.Refresh"/> old: anyone may call this, as often as they like.</summary>
    private static async Task<Results<Ok<IReadOnlyList<RoomSummary>>, ProblemHttpResult>> ListRoomsAsync(
        RoomListCache rooms, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await rooms.GetAsync(cancellationToken));
        }
        catch (BusUnavailableException)
        {
            return Problems.Unavailable();
        }
        catch (DatabaseUnavailableException unavailable)
        {
            return Problems.DatabaseUnavailable(unavailable.Message);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<RoomMember>>, ProblemHttpResult>> ListMembersAsync(
        string group, ClaimsPrincipal user, RoomAdmission admission, RoomPresence presence, CancellationToken cancellationToken)
    {
        if (!GroupName.IsValid(group))
        {
            return Problems.NoSuchRoom();
        }

        if (await admission.RefusalToReadAsync(user, group, cancellationToken) is { } refused)
        {
            return Problems.NotAdmitted(refused.Refusal!.Value, refused.Detail!);
        }

        try
        {
            return TypedResults.Ok(await presence.MembersAsync(group, cancellationToken));
        }
        catch (BusUnavailableException)
        {
            return Problems.Unavailable();
        }
    }

    private static async Task<Results<Ok<MessagesPage>, ProblemHttpResult>> ReadMessagesAsync(
        string group, string? since, string? before, string? limit, ClaimsPrincipal user, RoomAdmission admission, IRoomHistory history,
        CancellationToken cancellationToken)
    {
        if (!GroupName.IsValid(group))
        {
            return Problems.NoSuchRoom();
        }

        if (await admission.RefusalToReadAsync(user, group, cancellationToken) is { } refused)
        {
            return Problems.NotAdmitted(refused.Refusal!.Value, refused.Detail!);
        }

        int count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count < 1 || count > MaxLimit))
        {
            return Problems.BadParameter($"limit must be a whole number from 1 to {MaxLimit}; page on with since=<the last id you got>.");
        }

        if (before is not null)
        {
            return since is not null
                ? Problems.BadParameter("Give since (to page forward) or before (to page back), not both.")
                : MessageId.TryParse(before, out var older)
                    ? await ReadOlderAsync(group, older, count, history, cancellationToken)
                    : Problems.BadParameter($"'{before}' is not a message id.");
        }

        MessageId? after = null;
        if (since is not null)
        {
            if (!MessageId.TryParse(since, out var parsed))
            {
                return Problems.BadParameter($"'{since}' is not a message id.");
            }

            after = parsed;
        }

        if (after is { } asked && await Problems.CheckSinceAsync(history, group, asked, since, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        try
        {
            // Edits and deletions of messages in the page are folded into them; the rest stay as they came.
            var page = (await history.ReadAsync(group, after, count, cancellationToken)).Folded();
            return TypedResults.Ok(new MessagesPage(page.Messages, page.Recovered));
        }
        catch (BusUnavailableException)
        {
            return Problems.Unavailable();
        }
    }

    /// <summary>The page before <paramref name="before"/>, oldest first, its changes folded in: a reader scrolling back.</summary>
    private static async Task<Results<Ok<MessagesPage>, ProblemHttpResult>> ReadOlderAsync(
        string group, MessageId before, int count, IRoomHistory history, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(new MessagesPage(await history.ReadOlderAsync(group, before, count, cancellationToken), Recovered: true));
        }
        catch (BusUnavailableException)
        {
            return Problems.Unavailable();
        }
    }
}
