using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Data;

namespace BlazorChat.Rooms;

/// <summary>
/// Edits and deletions, for sockets and pages alike: a member may change a message of its own
/// (<see cref="ChatIdentity.Sent"/>), and an owner or moderator of the room any message; the
/// message must be one the room still keeps, and not deleted (a deletion is final). The change goes to the room as a message of the
/// member's (within its rate limit), kept in history and recovered by id like any other.
/// </summary>
public sealed class MessageChanges(IRoomHistory history, RoomAccess access)
{
    /// <summary>Sends an edit (<paramref name="kind"/> <see cref="MessageKind.Edit"/>, with its new <paramref name="text"/>) or a deletion of <paramref name="target"/>.</summary>
    public async Task<SendOutcome> SendAsync(RoomConnection connection, MessageKind kind, MessageId target, string text, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(kind.IsChange(), true, nameof(kind));
        ChatMessage? message;
        try
        {
            message = await history.FindAsync(connection.Group, target, cancellationToken);
            if (message is not { Kind: MessageKind.Message, Change: not MessageChange.Deleted })
            {
                return SendOutcome.NoSuchMessage;
            }

            if (!connection.Identity.Sent(message, connection.Id) && !await ModeratesAsync(connection.Group, connection.Identity, cancellationToken))
            {
                return SendOutcome.NotAllowed;
            }
        }
        catch (BusUnavailableException)
        {
            return SendOutcome.BusUnavailable;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // Whether the member moderates cannot be told: nothing is changed on a guess.
            return SendOutcome.NotAllowed;
        }

        return await connection.SendChangeAsync(kind, message, kind == MessageKind.Delete ? "" : text, cancellationToken);
    }

    /// <summary>Whether <paramref name="identity"/> may change anyone's messages in <paramref name="group"/>: its owner or a moderator, not banned.</summary>
    public async Task<bool> ModeratesAsync(string group, ChatIdentity identity, CancellationToken cancellationToken) =>
        !identity.IsGuest
        && (await access.StandingAsync(group, identity, cancellationToken)) is { Banned: false, Role: >= RoomRole.Moderator };
}
