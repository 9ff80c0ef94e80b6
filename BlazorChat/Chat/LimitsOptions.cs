using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Chat;

/// <summary>What one connection may send, and how many one address may open (<c>Limits</c> section).</summary>
public sealed class LimitsOptions : IValidatableObject
{
    public const string SectionName = "Limits";

    /// <summary>The largest message, in UTF-8 bytes; a socket that sends more is closed with 1009.</summary>
    [Range(1, 1_048_576, ErrorMessage = "Limits:MaxMessageBytes must be between 1 and 1048576.")]
    public int MaxMessageBytes { get; set; } = 4096;

    /// <summary>Messages a connection may send per second, on average; 0 turns the limit off.</summary>
    [Range(0, 100_000, ErrorMessage = "Limits:MessagesPerSecond must be between 0 (off) and 100000.")]
    public int MessagesPerSecond { get; set; } = 20;

    /// <summary>Messages a connection may send at once before the rate applies.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Limits:MessageBurst must be between 0 and 1000000.")]
    public int MessageBurst { get; set; } = 40;

    /// <summary>Open sockets per client address; 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Limits:MaxConnectionsPerAddress must be between 0 (off) and 1000000.")]
    public int MaxConnectionsPerAddress { get; set; } = 100;

    /// <summary>Browser pages (Blazor circuits) connected at once per client address; 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Limits:MaxCircuitsPerAddress must be between 0 (off) and 1000000.")]
    public int MaxCircuitsPerAddress { get; set; } = 20;

    /// <summary>Sockets one client address may open per minute (a quarter of them at once); 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Limits:JoinsPerMinute must be between 0 (off) and 1000000.")]
    public int JoinsPerMinute { get; set; } = 120;

    /// <summary>Requests to <c>/api/</c> one client address may make per minute (a quarter of them at once); 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Limits:ApiRequestsPerMinute must be between 0 (off) and 1000000.")]
    public int ApiRequestsPerMinute { get; set; } = 600;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MessagesPerSecond > 0 && MessageBurst < 1)
        {
            yield return new ValidationResult("Limits:MessageBurst must be at least 1 while Limits:MessagesPerSecond is on.");
        }
    }
}
