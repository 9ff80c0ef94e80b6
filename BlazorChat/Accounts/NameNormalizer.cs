using System.Text;
using Microsoft.AspNetCore.Identity;

namespace BlazorChat.Accounts;

/// <summary>
/// The one form in which names are compared: Unicode compatibility form (NFKC, so a full-width
/// "ａｄａ" is "ada") in upper case. Identity uses it for user names and e-mails, the accounts for
/// display names, and the socket endpoint and the pages for the names guests ask for, so a guest
/// can never pass for an account.
/// </summary>
/// <remarks>Needs ICU's Unicode data: the app does not run in invariant globalization mode.</remarks>
public sealed class NameNormalizer : ILookupNormalizer
{
    public static string Normalize(string name) => name.Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    public string? NormalizeName(string? name) => name is null ? null : Normalize(name);

    public string? NormalizeEmail(string? email) => email is null ? null : Normalize(email);
}
