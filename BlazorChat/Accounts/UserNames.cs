using System.Diagnostics.CodeAnalysis;

namespace BlazorChat.Accounts;

/// <summary>
/// The rule for account user names: 3 to 32 ASCII letters, digits, '.', '_' or '-'. A user name is
/// a handle that scripts type and URLs carry (<c>/api/rooms/{room}/members/{user}</c>); the display
/// name is where anything else goes.
/// </summary>
public static class UserNames
{
    public const int MinLength = 3;

    public const int MaxLength = 32;

    public const string AllowedCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

    public const string Rule = "A user name is 3 to 32 letters (a-z), digits, '.', '_' or '-'.";

    public static bool IsValid([NotNullWhen(true)] string? name) =>
        name is { Length: >= MinLength and <= MaxLength } && name.All(c => AllowedCharacters.Contains(c));
}
