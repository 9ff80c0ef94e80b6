using BlazorChat.Bus;
using BlazorChat.Rooms;

namespace BlazorChat.Chat;

/// <summary>What a page tells its reader about the session: why it is not in the room, why a message was not sent.</summary>
internal static class SessionTexts
{
    public const string CannotJoin = "The chat bus is unavailable, so the room cannot be joined. Try connecting again shortly.";

    public const string BusDown = "The chat bus is unavailable: messages cannot be sent or received until it is back.";

    public const string NotInARoom = "Connect to the room to send messages.";

    public const string TooManyJoins = "Not connected: too many joins in a short time. Wait a moment, then connect again.";

    /// <summary>Why the server ended the page's connection.</summary>
    public static string Dropped(DisconnectReason reason, string? kickReason) => reason switch
    {
        DisconnectReason.SlowConsumer => "Disconnected: this page fell too far behind the room. Connect again to rejoin.",
        DisconnectReason.ServerStopping => "Disconnected: the server is stopping. Connect again in a moment.",
        DisconnectReason.Flooding => "Disconnected: too many messages in too little time. Connect again to rejoin.",
        DisconnectReason.Kicked => $"Removed from the room by an administrator: {kickReason}",
        DisconnectReason.Revoked => $"Removed from the room: {kickReason}",
        _ => $"Disconnected ({reason.ToLabel()}). Connect again to rejoin.",
    };

    /// <summary>What a page shows when a join failed: after an outage it stays "bus down" and tries again.</summary>
    public static (SessionStatus Status, string Detail) JoinFailed(DisconnectReason reason, bool rejoining, string? kickReason) =>
        reason != DisconnectReason.BusUnavailable ? (SessionStatus.Dropped, Dropped(reason, kickReason))
        : rejoining ? (SessionStatus.BusDown, BusDown)
        : (SessionStatus.BusDown, CannotJoin);

    /// <summary>Why a message was not sent; its text stays in the box unless the page was disconnected.</summary>
    public static SendResult Result(SendOutcome outcome, LimitsOptions limits) => outcome switch
    {
        SendOutcome.Sent => SendResult.Ok,
        SendOutcome.RateLimited => SendResult.Refused($"Not sent: {SendRateLimit.Advice(limits)} Your text is kept."),
        SendOutcome.Flooding => SendResult.Refused("Not sent: too many messages. You were disconnected; connect again to rejoin."),
        SendOutcome.NoSuchMessage => SendResult.Refused("Not changed: that message is no longer kept, or was deleted."),
        SendOutcome.NotAllowed => SendResult.Refused("Not changed: only its sender, or the room's owner or moderators, may change a message."),
        _ => SendResult.Refused("Not sent: the chat bus is unavailable. Your text is kept; try again shortly."),
    };
}
