using System.Data.Common;

namespace BlazorChat.Data;

/// <summary>
/// The one test for "the database could not answer": a provider's own exception, or EF Core's
/// wrapping of one that it took for a transient failure (as Npgsql's execution strategy does).
/// Anything else (a bug, a constraint) is not an outage and is left to propagate.
/// </summary>
public static class DatabaseErrors
{
    public static bool IsUnavailable(Exception exception) =>
        exception is DbException || (exception is InvalidOperationException or TimeoutException && exception.InnerException is { } inner && IsUnavailable(inner));
}
