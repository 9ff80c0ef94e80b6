namespace BlazorChat.Chat;

/// <summary>Where a page's <see cref="ChatSession"/> stands with its room and why, announced as it changes.</summary>
public sealed class SessionState
{
    public SessionStatus Status { get; private set; } = SessionStatus.Disconnected;

    /// <summary>Why the status is what it is, when that needs saying (dropped, bus down).</summary>
    public string? Detail { get; private set; }

    /// <summary>Raised, on any thread, when the status or its detail changes.</summary>
    public event Action? Changed;

    internal void Set(SessionStatus status, string? detail)
    {
        (Status, Detail) = (status, detail);
        Changed?.Invoke();
    }
}
