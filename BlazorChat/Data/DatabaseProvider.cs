namespace BlazorChat.Data;

/// <summary>Where accounts and rooms are kept (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A file beside the app: nothing to install, one instance only.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server that every instance shares.</summary>
    Postgres,
}
