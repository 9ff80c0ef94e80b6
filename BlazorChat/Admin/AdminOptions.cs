using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Admin;

/// <summary>The admin console (<c>Admin</c> section): off unless <see cref="Key"/> is set.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>A long random secret that signs an operator in at <c>/admin</c>; unset, <c>/admin</c> answers 404.</summary>
    [MinLength(16, ErrorMessage = "Admin:Key must be at least 16 characters (or unset, which turns the admin console off).")]
    public string? Key { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Key);
}
