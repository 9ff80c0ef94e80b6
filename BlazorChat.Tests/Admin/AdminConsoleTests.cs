using BlazorChat.Rooms;
using System.Net;
using System.Net.WebSockets;
using BlazorChat.Admin;
using BlazorChat.Tests.Fixtures;

namespace BlazorChat.Tests.Admin;

/// <summary>The admin console's gate and its actions on real sockets, on real Kestrel.</summary>
public sealed class AdminConsoleTests
{
    private const string Key = "correct-horse-battery-staple";

    [Fact]
    public async Task WithoutAKeyAdminIsNotFound()
    {
        await using var server = ChatServer.Start();
        using var http = server.CreateHttpClient();

        foreach (var path in new[] { "/admin", "/admin/", "/Admin", "/admin/anything" })
        {
            var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("admin-key-input", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task WithAKeyAdminAsksForIt()
    {
        await using var server = ChatServer.Start(new Dictionary<string, string?> { ["Admin:Key"] = Key });
        using var http = server.CreateHttpClient();

        var response = await http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"admin-key-input\"", html);
        Assert.DoesNotContain("admin-counters", html);
    }

    [Fact]
    public async Task ARemovedSocketIsClosedWith1008AndTheReasonWhileTheRoomCarriesOn()
    {
        await using var server = ChatServer.Start(new Dictionary<string, string?> { ["Admin:Key"] = Key });
        await using var troll = await WsClient.ConnectAsync(server.WebSocketUri("ws/kicking/?name=troll"));
        await using var other = await WsClient.ConnectAsync(server.WebSocketUri("ws/kicking/?name=other"));
        var admin = server.Get<AdminConsole>();

        var own = admin.OwnConnections();
        var connection = Assert.Single(own.Connections, c => c.Name == "troll");
        Assert.Equal((ConnectionKind.Socket, "kicking"), (connection.Kind, connection.Group));
        Assert.Equal(KickOutcome.Removed, await admin.KickAsync(own, connection, "shouting in capitals"));

        var (status, description) = await troll.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("removed by an administrator: shouting in capitals", description);
        Assert.Equal(KickOutcome.AlreadyLeft, await admin.KickAsync(own, connection, "again"));

        await admin.PostAsync("kicking", "be kind");
        Assert.Equal("be kind", await other.ReceiveTextAsync());
        await other.SendTextAsync("still here");
        Assert.Equal("still here", await other.ReceiveTextAsync());
    }

    [Fact]
    public async Task AKickReasonTooLongForACloseFrameIsCutAtACharacterBoundary()
    {
        await using var server = ChatServer.Start(new Dictionary<string, string?> { ["Admin:Key"] = Key });
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("ws/kicking/?name=long"));
        var admin = server.Get<AdminConsole>();

        var own = admin.OwnConnections();
        await admin.KickAsync(own, Assert.Single(own.Connections), new string('é', 200));

        var (status, description) = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.StartsWith("removed by an administrator: éé", description);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(description!) <= 123);
    }

    [Fact]
    public async Task OnTheMemoryBusTheConsoleListsThisInstanceAloneByItsAddress()
    {
        await using var server = ChatServer.Start(new Dictionary<string, string?> { ["Admin:Key"] = Key });
        await using var client = await WsClient.ConnectAsync(server.WebSocketUri("ws/alone/?name=solo"));
        var admin = server.Get<AdminConsole>();

        var own = admin.OwnConnections();
        Assert.Contains(server.BaseUri.Authority, own.InstanceName);
        Assert.Equal("solo", Assert.Single(own.Connections).Name);
        Assert.Empty(await admin.OtherInstancesAsync());
    }

    [Fact]
    public async Task AnInstanceListsItsLongestConnectedUpToTheBoundWithItsTotal()
    {
        await using var server = ChatServer.Start(new Dictionary<string, string?> { ["Admin:Key"] = Key, ["Admin:ListedConnectionsPerInstance"] = "2" });
        var clients = new List<WsClient>();
        foreach (var name in new[] { "first", "second", "third" })
        {
            clients.Add(await WsClient.ConnectAsync(server.WebSocketUri($"ws/crowd/?name={name}")));
        }

        var own = server.Get<AdminConsole>().OwnConnections();

        Assert.Equal(3, own.Total);
        Assert.True(own.Truncated);
        Assert.Equal(["first", "second"], own.Connections.Select(c => c.Name));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
