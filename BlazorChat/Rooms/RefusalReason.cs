namespace BlazorChat.Rooms;

/// <summary>Why a message was refused to its sender (never delivered to anyone). Counted by <c>blazorchat.messages.refused</c>.</summary>
public enum RefusalReason
{
    /// <summary>Over the connection's send rate (<c>rate_limit</c>).</summary>
    RateLimit,

    /// <summary>The bus (Redis) could not take it (<c>bus_unavailable</c>).</summary>
    BusUnavailable,

    /// <summary>A JSON frame that does not say what to send (<c>bad_input</c>).</summary>
    BadInput,
}
