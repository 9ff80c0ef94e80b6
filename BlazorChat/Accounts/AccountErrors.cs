using Microsoft.AspNetCore.Identity;

namespace BlazorChat.Accounts;

/// <summary>
/// Why a sign-in or a registration failed: a short code that the account endpoints put in the
/// redirect's query (<c>?error=locked</c>), and the sentence the form shows for it. Only codes go
/// in the query, so nobody can make a link that puts words of their own on the page.
/// </summary>
public static class AccountErrors
{
    public const string WrongPassword = "invalid";

    public const string LockedOut = "locked";

    public const string TooManyAttempts = "too-many";

    public const string BadUserName = "username";

    public const string UserNameTaken = "taken";

    public const string BadPassword = "password";

    public const string RegistrationFailed = "failed";

    public const string PasskeyRefused = "passkey";

    public const string PasskeyExpired = "passkey-expired";

    public const string PasswordRule = "A password is at least 8 characters, with a lower-case letter and a digit.";

    /// <summary>The code for a refused registration, from the first of Identity's errors.</summary>
    public static string OfRegistration(IdentityResult result) => result.Errors.FirstOrDefault()?.Code switch
    {
        "InvalidUserName" => BadUserName,
        "DuplicateUserName" => UserNameTaken,
        { } code when code.StartsWith("Password", StringComparison.Ordinal) => BadPassword,
        _ => RegistrationFailed,
    };

    /// <summary>The sentence for <paramref name="code"/>, or null for none or one this app never writes.</summary>
    public static string? Describe(string? code, LockoutOptions lockout) => code switch
    {
        WrongPassword => "Wrong user name or password.",
        LockedOut => $"This account is locked for {lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes after {lockout.MaxFailedAccessAttempts} wrong passwords. Try again later.",
        TooManyAttempts => "Too many sign-in attempts from your address. Wait a minute, then try again.",
        BadUserName => UserNames.Rule,
        UserNameTaken => "That user name is taken. Choose another.",
        BadPassword => PasswordRule,
        RegistrationFailed => "The account could not be made. Try again.",
        PasskeyRefused => "That passkey was not accepted: it belongs to no account here (it may have been removed), or it could not be verified. Sign in with your password.",
        PasskeyExpired => "The passkey sign-in expired or was already used. Try again.",
        _ => null,
    };
}
