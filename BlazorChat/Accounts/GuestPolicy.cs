namespace BlazorChat.Accounts;

/// <summary>Whether people without an account may chat (<c>Auth:Guests</c>).</summary>
public enum GuestPolicy
{
    /// <summary>Guests join open rooms under a name of their choosing (one no account holds).</summary>
    Allow,

    /// <summary>Every socket needs an access token and every page a sign-in.</summary>
    Deny,
}
