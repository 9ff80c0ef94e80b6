namespace BlazorChat.Data;

/// <summary>
/// A personal access token, as stored: its SHA-256 hash (the token itself is shown once and never
/// kept), its owner and the name the owner gave it. Revoking deletes the row.
/// </summary>
public sealed class AccessTokenRecord
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    public required byte[] Hash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public ChatUser? User { get; set; }
}
