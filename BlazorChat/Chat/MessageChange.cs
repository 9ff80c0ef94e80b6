namespace BlazorChat.Chat;

/// <summary>How a message stands after the edits and deletions history has folded into it.</summary>
public enum MessageChange
{
    None,
    Edited,
    Deleted,
}
