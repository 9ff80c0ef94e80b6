using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Chat;

/// <summary>How open pages use the server (<c>Pages</c> section).</summary>
public sealed class PagesOptions
{
    public const string SectionName = "Pages";

    /// <summary>
    /// A tab hidden this long gives its circuit back to the server (<c>Blazor.pauseCircuit()</c>)
    /// and takes a new one when shown again, in the same room, caught up from the last message it
    /// showed; 0 keeps every tab's circuit while the tab is open.
    /// </summary>
    [Range(0, 86_400, ErrorMessage = "Pages:PauseHiddenAfterSeconds must be between 0 (never) and 86400.")]
    public int PauseHiddenAfterSeconds { get; set; } = 300;

    /// <summary>
    /// On a graceful stop, how long the instance waits for its open pages to move to another
    /// instance (each pauses its circuit here and resumes it there) before it stops anyway; 0 moves
    /// none, and they reload when they find their circuit gone.
    /// </summary>
    [Range(0, 120, ErrorMessage = "Pages:HandoverSeconds must be between 0 (no handover) and 120.")]
    public int HandoverSeconds { get; set; } = 10;
}
