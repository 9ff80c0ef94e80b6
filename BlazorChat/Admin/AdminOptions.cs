using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Admin;

/// <summary>The admin console (<c>Admin</c> section): off unless <see cref="Key"/> is set.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string SectionName = "Admin";

    /// <summary>
    /// Fewer different characters than this and a key is refused at start, however long: it catches
    /// one letter repeated, a word doubled (<c>passwordpassword</c>), a short pattern. Random keys
    /// pass: 16 base64 characters or 32 hex ones have fewer than 8 different ones about never (only
    /// 16 hex characters, which are 64 bits, fall short about once in a hundred).
    /// </summary>
    public const int MinDistinctCharacters = 8;

    /// <summary>A long random secret that signs an operator in at <c>/admin</c>; unset, <c>/admin</c> answers 404.</summary>
    [MinLength(16, ErrorMessage = "Admin:Key must be at least 16 characters (or unset, which turns the admin console off).")]
    public string? Key { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Key);

    /// <summary>
    /// User names of accounts to put in the <c>Admin</c> role at start (accounts that exist by then:
    /// register first, then list the name and restart). An account in the role uses the console
    /// without the key, whether or not a key is set.
    /// </summary>
    public string[] Users { get; set; } = [];

    /// <summary>
    /// The console lists at most this many connections of each instance (the longest connected),
    /// with the total beside them: the bound on what each instance keeps in Redis for the others'
    /// consoles, and on the page.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Admin:ListedConnectionsPerInstance must be between 1 and 1000.")]
    public int ListedConnectionsPerInstance { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && Key!.Distinct().Count() < MinDistinctCharacters)
        {
            yield return new ValidationResult(
                $"Admin:Key must have at least {MinDistinctCharacters} different characters; generate one, such as with: openssl rand -base64 24.");
        }
    }
}
