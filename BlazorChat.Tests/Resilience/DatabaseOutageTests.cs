using System.Net;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Resilience;

/// <summary>PostgreSQL going away under a running app: it says so, keeps its rooms, and comes back with the database.</summary>
[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class DatabaseOutageTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [ServerFact]
    public async Task WithoutTheDatabaseRoomsGoOnAndWhatNeedsItIsRefusedWith503UntilItIsBack()
    {
        var server = await database.GetServerAsync();
        string connectionString = await server.CreateDatabaseAsync();
        await using var proxy = new TcpProxy(new Uri($"tcp://127.0.0.1:{server.Port}"));
        await using var app = ChatServer.Start(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            [SqliteFiles.Setting] = connectionString.Replace($"Port={server.Port}", $"Port={proxy.BaseUri.Port}") + ";Timeout=3",
        });
        var ada = await TestAccount.CreateAsync(app.Services, "ada");
        await using var bob = await WsClient.ConnectAsync(app.WebSocketUri("ws/outage/?name=bob"));
        using var http = app.CreateHttpClient();

        proxy.Pause();

        await Wait.UntilAsync(async () => (await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, "ready answers 503");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
        await bob.SendTextAsync("still chatting");
        Assert.Equal("still chatting", await bob.ReceiveTextAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WsClient.RefusedStatusAsync(app.WebSocketUri("ws/outage/?name=carol")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WsClient.RefusedStatusAsync(app.WebSocketUri("ws/outage/"), bearer: ada.Token));

        proxy.Resume();

        await Wait.UntilAsync(async () => (await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK, "ready again");
        await using var carol = await WsClient.ConnectAsync(app.WebSocketUri("ws/outage/?name=carol"));
        await using var script = await WsClient.ConnectAsync(app.WebSocketUri("ws/outage/?format=json"), bearer: ada.Token);
    }
}
