namespace BlazorChat.Accounts;

/// <summary>The database that holds accounts, tokens and rooms could not answer.</summary>
public sealed class DatabaseUnavailableException(Exception inner)
    : Exception("The accounts database cannot be reached right now; try again shortly.", inner);
