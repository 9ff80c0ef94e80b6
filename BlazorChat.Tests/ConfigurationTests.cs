using BlazorChat.Tests.Fixtures;

namespace BlazorChat.Tests;

/// <summary>A bad setting stops the app at start, with a message that names the key.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task UnknownProviderStopsTheRealProcessNamingTheKey()
    {
        var (exitCode, output) = await AppProcess.RunToFailureAsync(new Dictionary<string, string> { ["Bus__Provider"] = "Carrier_Pigeon" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Bus:Provider", output);
    }

    [Theory]
    [InlineData("Bus:Provider", "Redis", "ConnectionStrings:Redis")]
    [InlineData("Bus:Provider", "7", "Bus:Provider")]
    [InlineData("Bus:OutboundQueueLength", "0", "Bus:OutboundQueueLength")]
    [InlineData("Bus:OutboundQueueLength", "lots", "Bus:OutboundQueueLength")]
    [InlineData("Bus:ChannelPrefix", "has spaces", "Bus:ChannelPrefix")]
    [InlineData("Bus:Redis:PubSub", "Broadcast", "Bus:Redis:PubSub")]
    [InlineData("Bus:Redis:PubSub", "7", "Bus:Redis:PubSub")]
    [InlineData("Pages:PauseHiddenAfterSeconds", "-1", "Pages:PauseHiddenAfterSeconds")]
    [InlineData("Pages:PauseHiddenAfterSeconds", "soon", "Pages:PauseHiddenAfterSeconds")]
    [InlineData("Pages:HandoverSeconds", "121", "Pages:HandoverSeconds")]
    [InlineData("Limits:MaxMessageBytes", "-1", "Limits:MaxMessageBytes")]
    [InlineData("Limits:MessagesPerSecond", "-1", "Limits:MessagesPerSecond")]
    [InlineData("Limits:MessageBurst", "many", "Limits:MessageBurst")]
    [InlineData("Limits:MaxConnectionsPerAddress", "-5", "Limits:MaxConnectionsPerAddress")]
    [InlineData("History:Length", "0", "History:Length")]
    [InlineData("History:OnJoin", "5000", "History:OnJoin")]
    [InlineData("History:SendKeyTtlSeconds", "0", "History:SendKeyTtlSeconds")]
    [InlineData("Presence:InstanceTimeoutSeconds", "1", "Presence:InstanceTimeoutSeconds")]
    [InlineData("Admin:Key", "short", "Admin:Key")]
    [InlineData("Admin:Key", "aaaaaaaaaaaaaaaa", "Admin:Key")]
    [InlineData("Admin:Key", "passwordpassword", "Admin:Key")]
    [InlineData("Metrics:Port", "0", "Metrics:Port")]
    [InlineData("Metrics:Port", "65536", "Metrics:Port")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-address", "ForwardedHeaders:KnownProxies")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Database:Provider", "Postgres", "ConnectionStrings:Chat")]
    [InlineData("Auth:Guests", "Sometimes", "Auth:Guests")]
    [InlineData("Auth:RevalidationSeconds", "0", "Auth:RevalidationSeconds")]
    [InlineData("Auth:PasskeyDomain", "127.0.0.1", "Auth:PasskeyDomain")]
    [InlineData("Auth:PasskeyDomain", "https://chat.example.com", "Auth:PasskeyDomain")]
    [InlineData("AllowedOrigins", "not an origin", "AllowedOrigins")]
    [InlineData("AllowedOrigins", "https://ok.example;https://ok.example/with/path", "AllowedOrigins")]
    public async Task BadValueStopsTheRealProcessNamingTheKey(string key, string value, string named)
    {
        var (exitCode, output) = await AppProcess.RunToFailureAsync(new Dictionary<string, string> { [key.Replace(":", "__")] = value });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, output);
    }

    [Fact]
    public async Task RedisWithAConnectionStringThatIsNotOneIsRefused()
    {
        var (exitCode, output) = await AppProcess.RunToFailureAsync(new Dictionary<string, string>
        {
            ["Bus__Provider"] = "Redis",
            ["ConnectionStrings__Redis"] = ",,,",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:Redis is not a valid", output);
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task TheRepositoryDevelopmentOverlayIsLoadedInDevelopmentOnly(string environment, bool loaded)
    {
        // The overlay at the repository root turns BlazorChat's logs up to Debug; the process's
        // own settings keep everything else at Warning, so a socket's "joined room" line (an
        // Information line) shows only when the overlay was loaded.
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment });
        await using (var client = await WsClient.ConnectAsync(app.WebSocketUri("ws/overlay/")))
        {
            await client.SendTextAsync("/close");
            await client.ReceiveCloseAsync();
        }

        // Once the process has exited, all it wrote has been read.
        await app.TerminateAsync();
        Assert.Equal(loaded, app.Output.Contains("joined room overlay"));
    }
}
