namespace BlazorChat.Chat;

/// <summary>What became of a message a page tried to send: sent, or refused with a reason to show.</summary>
public readonly record struct SendResult(bool Sent, string? Error)
{
    public static SendResult Ok { get; } = new(true, null);

    public static SendResult Refused(string error) => new(false, error);
}
