using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// The way a suite runs on every provider: the suite derives from this and takes an
/// <see cref="IChatProvider"/>; one sealed class per provider derives from the suite, with that
/// provider as its class fixture. Each test has a key prefix of its own (<see cref="Prefix"/>);
/// what it starts twice with that prefix shares its rooms, as instances on one Redis do.
/// </summary>
public abstract class ProviderTests(IChatProvider provider) : IAsyncLifetime
{
    private readonly List<ChatCore> _cores = [];

    protected IChatProvider Provider => provider;

    /// <summary>This test's key prefix (xunit makes a new instance of the class for each test).</summary>
    protected string Prefix { get; } = TestServices.UniquePrefix();

    /// <summary>A well-formed message id that no room can have issued yet.</summary>
    protected string FutureId => provider.FutureId;

    /// <summary>The app on the provider, on real Kestrel, under this test's prefix.</summary>
    protected Task<ChatServer> StartServerAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        provider.StartServerAsync(Prefix, settings, services);

    /// <summary>
    /// The app's core on the provider, outside a host, under this test's prefix: another instance,
    /// as far as Redis can tell. Disposed after the test, the last started first.</summary>
    protected async Task<ChatCore> StartCoreAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var core = await provider.StartCoreAsync(Prefix, settings, services);
        _cores.Add(core);
        return core;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (int i = _cores.Count - 1; i >= 0; i--)
        {
            await _cores[i].DisposeAsync();
        }
    }
}

/// <summary>A bus provider as the tests run it.</summary>
public interface IChatProvider
{
    /// <summary>The app on the provider; <paramref name="services"/> take the place of the app's own (a fake clock, say).</summary>
    Task<ChatServer> StartServerAsync(string prefix, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services = null);

    /// <summary>The app's core on the provider; <paramref name="services"/> take the place of its own (a fake clock, say).</summary>
    Task<ChatCore> StartCoreAsync(string prefix, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services = null);

    /// <summary>A well-formed message id that no room can have issued yet.</summary>
    string FutureId { get; }

    /// <summary>Rooms' Redis subscriptions still held under <paramref name="prefix"/> (the control channel is held for the app's life); 0 on the memory bus, which has none.</summary>
    Task<long> CountSubscriptionsAsync(string prefix);
}

/// <summary>A provider on Redis, one server or a cluster, that a test may also ask directly.</summary>
public interface IRedisProvider : IChatProvider
{
    /// <summary>A client of the same Redis that may run admin commands, for the test to look with.</summary>
    Task<StackExchange.Redis.ConnectionMultiplexer> ConnectProbeAsync();
}

/// <summary>The memory bus: every server and core is a world of its own.</summary>
public sealed class MemoryProvider : IChatProvider
{
    public Task<ChatServer> StartServerAsync(string prefix, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services = null) =>
        Task.FromResult(ChatServer.Start(settings, services));

    public Task<ChatCore> StartCoreAsync(string prefix, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services = null) =>
        Task.FromResult(ChatCore.Start(settings, services));

    public string FutureId => "999999999";

    public Task<long> CountSubscriptionsAsync(string prefix) => Task.FromResult(0L);
}

/// <summary>What the Redis providers start: one redis-server or a cluster of them.</summary>
public interface IRedisDeployment : IAsyncDisposable
{
    /// <summary>How StackExchange.Redis reaches it: one address, or the cluster's nodes.</summary>
    string ConnectionString { get; }

    /// <summary>A client that may run admin commands.</summary>
    Task<StackExchange.Redis.ConnectionMultiplexer> ConnectAsync();
}

/// <summary>
/// A provider on a Redis deployment started on first use (so a class whose tests are skipped for
/// want of redis-server never tries) and stopped with the fixture.
/// </summary>
public abstract class RedisDeploymentProvider<TDeployment>(Func<Task<TDeployment>> start) : IRedisProvider, IAsyncLifetime
    where TDeployment : IRedisDeployment
{
    private readonly Lazy<Task<TDeployment>> _deployment = new(start);

    protected Task<TDeployment> GetDeploymentAsync() => _deployment.Value;

    public async Task<StackExchange.Redis.ConnectionMultiplexer> ConnectProbeAsync() => await (await GetDeploymentAsync()).ConnectAsync();

    public async Task<ChatServer> StartServerAsync(string prefix, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services = null) =>
        ChatServer.StartOnRedis((await GetDeploymentAsync()).ConnectionString, prefix, settings, services);

    public async Task<ChatCore> StartCoreAsync(string prefix, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services = null) =>
        ChatCore.Start(TestServices.OnRedis((await GetDeploymentAsync()).ConnectionString, prefix, settings), services);

    public string FutureId => $"{DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds()}-0";

    public async Task<long> CountSubscriptionsAsync(string prefix)
    {
        await using var probe = await ConnectProbeAsync();
        return await probe.CountRoomChannelsAsync(prefix);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_deployment.IsValueCreated)
        {
            await (await _deployment.Value).DisposeAsync();
        }
    }
}

/// <summary>One redis-server shared by a test class.</summary>
public sealed class RedisProvider() : RedisDeploymentProvider<RedisServer>(() => RedisServer.StartAsync())
{
    public Task<RedisServer> GetServerAsync() => GetDeploymentAsync();
}

/// <summary>
/// A Redis Cluster (three masters, three replicas) shared by every class of the
/// <see cref="RedisClusterCollection"/>, started on first use and stopped after the last: six
/// servers and a cluster take a few seconds, paid once per run, not once per class.
/// </summary>
public sealed class RedisClusterProvider() : RedisDeploymentProvider<RedisClusterServer>(RedisClusterServer.StartAsync)
{
    public Task<RedisClusterServer> GetClusterAsync() => GetDeploymentAsync();
}

/// <summary>The test classes that run on the one <see cref="RedisClusterProvider"/>; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterProvider>
{
    public const string Name = "Redis Cluster";
}
