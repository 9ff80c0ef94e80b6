namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// One redis-server shared by a test class, started on first use (so a class whose tests are
/// skipped for want of redis-server never tries), stopped after the class.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private readonly Lazy<Task<RedisServer>> _server = new(() => RedisServer.StartAsync());

    public Task<RedisServer> GetAsync() => _server.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server.IsValueCreated)
        {
            await (await _server.Value).DisposeAsync();
        }
    }
}
