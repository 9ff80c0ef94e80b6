using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// The app on real Kestrel, on a free loopback port, in this test process; settings override
/// its configuration the way environment variables would.
/// </summary>
public sealed class ChatServer : IAsyncDisposable
{
    private readonly Factory _factory;

    private ChatServer(IReadOnlyDictionary<string, string?> settings)
    {
        _factory = new Factory(settings);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUri = _factory.ClientOptions.BaseAddress;
    }

    public Uri BaseUri { get; }

    public IServiceProvider Services => _factory.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static ChatServer Start(IReadOnlyDictionary<string, string?>? settings = null) => new(settings ?? new Dictionary<string, string?>());

    public static ChatServer StartOnRedis(RedisServer redis, string prefix, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Bus:Provider"] = "Redis",
            ["Bus:ChannelPrefix"] = prefix,
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
        };
        return new ChatServer(all);
    }

    public Uri WebSocketUri(string path) => new($"ws://{BaseUri.Authority}/{path.TrimStart('/')}");

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri };

    /// <summary>Stops the host the way a shutdown does: ApplicationStopping, then Kestrel drains.</summary>
    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Added last, so they override appsettings the way environment variables do.
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        }
    }
}
