using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BlazorChat.Accounts;

/// <summary>
/// What a personal access token looks like (<c>bct_</c> and 43 URL-safe characters: 256 random
/// bits) and how it is stored: its SHA-256 hash, enough for a secret with that much entropy,
/// and the one form a lookup needs.
/// </summary>
public static class AccessTokenFormat
{
    public const string Prefix = "bct_";

    public static string Create() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>True for something shaped like a token; anything else is refused before any lookup.</summary>
    public static bool LooksValid(string token) => token.Length == Prefix.Length + 43 && token.StartsWith(Prefix, StringComparison.Ordinal);


}
