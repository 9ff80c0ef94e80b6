using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Chat;

/// <summary>What one connection may send (<c>Limits</c> section).</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>The largest message, in UTF-8 bytes; a socket that sends more is closed with 1009.</summary>
    [Range(1, 1_048_576, ErrorMessage = "Limits:MaxMessageBytes must be between 1 and 1048576.")]
    public int MaxMessageBytes { get; set; } = 4096;
}
