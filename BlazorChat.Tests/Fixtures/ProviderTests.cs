namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// Tests that run on both providers: each concrete class says how to start the app (see
/// <see cref="Providers"/>).
/// </summary>
public abstract class ProviderTests
{
    protected abstract Task<ChatServer> StartServerAsync(IReadOnlyDictionary<string, string?>? settings = null);

    /// <summary>A well-formed message id that no room can have issued yet.</summary>
    protected abstract string FutureId { get; }
}

public static class Providers
{
    public static Task<ChatServer> StartMemory(IReadOnlyDictionary<string, string?>? settings) =>
        Task.FromResult(ChatServer.Start(settings));

    /// <summary>An app on the fixture's redis-server, under a key prefix of its own.</summary>
    public static async Task<ChatServer> StartRedis(RedisServerFixture redis, IReadOnlyDictionary<string, string?>? settings) =>
        ChatServer.StartOnRedis(await redis.GetAsync(), TestServices.UniquePrefix(), settings);

    public const string MemoryFutureId = "999999999";

    public static string RedisFutureId => $"{DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds()}-0";
}
