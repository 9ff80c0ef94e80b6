namespace BlazorChat.Admin;

/// <summary>How an attempt to sign in to the admin console ended.</summary>
public enum AdminSignInResult
{
    SignedIn,

    /// <summary>The key was checked, and it is not the admin key.</summary>
    WrongKey,

    /// <summary>The key was not checked: this instance has had its fill of attempts for the moment.</summary>
    TooManyAttempts,
}
