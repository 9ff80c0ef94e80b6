using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Accounts;

/// <summary>Who may chat and how long a page trusts its sign-in (<c>Auth</c> section).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public GuestPolicy Guests { get; set; } = GuestPolicy.Allow;

    /// <summary>How often an open page checks that its account still exists and is still signed in.</summary>
    [Range(1, 86_400, ErrorMessage = "Auth:RevalidationSeconds must be between 1 and 86400.")]
    public int RevalidationSeconds { get; set; } = 60;

    /// <summary>Sign-in and registration attempts one client address may make per minute; 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Auth:SignInsPerMinute must be between 0 (off) and 1000000.")]
    public int SignInsPerMinute { get; set; } = 20;

    /// <summary>
    /// The passkeys' relying party id: the domain they are bound to, such as <c>chat.example.com</c>
    /// (or a parent domain of the site, <c>example.com</c>). Unset, it is the host each request was
    /// sent to, which serves one name (nginx passes it on); set it when the site answers to several.
    /// </summary>
    public string? PasskeyDomain { get; set; }

    /// <summary>
    /// Whether <paramref name="domain"/> can be a relying party id: a DNS name (WebAuthn refuses IP
    /// addresses), with neither scheme, port nor path.
    /// </summary>
    public static bool IsPasskeyDomain(string? domain) =>
        string.IsNullOrEmpty(domain) || (Uri.CheckHostName(domain) == UriHostNameType.Dns && !domain.EndsWith('.'));
}
