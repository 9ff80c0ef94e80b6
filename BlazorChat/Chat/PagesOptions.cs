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
}
