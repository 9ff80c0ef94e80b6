namespace BlazorChat.Chat;

/// <summary>What a connection's rate limit says about one message.</summary>
public enum SendVerdict
{
    Allowed,

    /// <summary>Over the rate: refused, and the sender is told.</summary>
    Refused,

    /// <summary>Refused for the burst-th time in a row: the sender keeps flooding and is disconnected.</summary>
    Flooding,
}
