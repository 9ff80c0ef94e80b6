using BlazorChat.Tests.Fixtures;
using Microsoft.Extensions.Options;

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
    [InlineData("Limits:MaxMessageBytes", "-1", "Limits:MaxMessageBytes")]
    [InlineData("History:Length", "0", "History:Length")]
    [InlineData("AllowedOrigins", "not an origin", "AllowedOrigins")]
    [InlineData("AllowedOrigins", "https://ok.example;https://ok.example/with/path", "AllowedOrigins")]
    public void BadValueStopsTheAppNamingTheKey(string key, string value, string named)
    {
        var failure = Assert.ThrowsAny<Exception>(() => ChatServer.Start(new Dictionary<string, string?> { [key] = value }));

        var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        Assert.Contains(named, messages);
        Assert.Contains(Flatten(failure), e => e is OptionsValidationException or InvalidOperationException);
    }

    [Fact]
    public async Task RedisWithAConnectionStringThatIsNotOneIsRefused()
    {
        var failure = Assert.ThrowsAny<Exception>(() => ChatServer.Start(new Dictionary<string, string?>
        {
            ["Bus:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = ",,,",
        }));
        Assert.Contains("ConnectionStrings:Redis", string.Join(" | ", Flatten(failure).Select(e => e.Message)));
        await Task.CompletedTask;
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

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
