using StackExchange.Redis;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// The one translation of Redis failures: a call that fails because Redis cannot be reached (or
/// the connection is already disposed, at shutdown) becomes a <see cref="BusUnavailableException"/>,
/// which is all the rest of the app knows of Redis going away.
/// </summary>
internal static class RedisErrors
{
    /// <summary>Whether <paramref name="exception"/> means Redis could not carry out a call.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>Runs <paramref name="call"/>; a Redis failure becomes a <see cref="BusUnavailableException"/> with <paramref name="failure"/> as its message.</summary>
    /// <remarks>Takes the call, not its task: a disposed multiplexer throws while starting it.</remarks>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string failure)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new BusUnavailableException(failure, ex);
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, string)"/>
    public static async Task RunAsync(Func<Task> call, string failure)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new BusUnavailableException(failure, ex);
        }
    }
}
