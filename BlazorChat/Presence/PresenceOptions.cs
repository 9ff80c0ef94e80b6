using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Presence;

/// <summary>How instances tell each other they are alive (<c>Presence</c> section; Redis only).</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Presence";

    /// <summary>An instance silent this long is taken for dead, and its members leave every room.</summary>
    [Range(2, 3600, ErrorMessage = "Presence:InstanceTimeoutSeconds must be between 2 and 3600.")]
    public int InstanceTimeoutSeconds { get; set; } = 30;

    /// <summary>Heartbeats come three times per timeout, so one lost beat is not a death.</summary>
    public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(InstanceTimeoutSeconds) / 3;
}
