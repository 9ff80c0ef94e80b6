using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>Two instances on one Redis and one database: a change made on one holds on the other at once.</summary>
[Requires(RedisServer.Executable)]
public sealed class PrivateRoomsOnRedisTests : IAsyncLifetime
{
    private readonly string _file = SqliteFiles.Create();
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        SqliteFiles.Delete(_file);
    }

    [ServerFact]
    public async Task ABanOnOneInstanceClosesTheSocketOnTheOtherAndKeepsItOut()
    {
        string prefix = TestServices.UniquePrefix();
        var database = new Dictionary<string, string?> { [SqliteFiles.Setting] = SqliteFiles.ConnectionString(_file) };
        await using var a = ChatServer.StartOnRedis(_redis, prefix, database);
        await using var b = ChatServer.StartOnRedis(_redis, prefix, database);
        var ada = await TestAccount.CreateAsync(a.Services, "ada");
        var bob = await TestAccount.CreateAsync(a.Services, "bob");
        using var adaOnA = ada.HttpClient(a);
        Assert.Equal(HttpStatusCode.Created, (await adaOnA.PostAsJsonAsync("/api/rooms", new { name = "secret", @private = true })).StatusCode);

        // B never looked at the room before, so these go by the database; the next ones by what B caches.
        Assert.Equal(HttpStatusCode.Forbidden, await WsClient.RefusedStatusAsync(bob.SocketUri(b, "secret")));
        Assert.Equal(HttpStatusCode.NoContent, (await adaOnA.PostAsJsonAsync("/api/rooms/secret/members", new { user = "bob" })).StatusCode);
        await using var bobOnB = await WsClient.ConnectAsync(bob.SocketUri(b, "secret"));

        Assert.Equal(HttpStatusCode.NoContent, (await adaOnA.PostAsJsonAsync("/api/rooms/secret/bans", new { user = "bob" })).StatusCode);
        var (_, status) = await bobOnB.ReceiveUntilCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("access ended: banned from this room", bobOnB.Socket.CloseStatusDescription);
        // At once, not after B's cache time: the ban's command made B forget the room.
        Assert.Equal(HttpStatusCode.Forbidden, await WsClient.RefusedStatusAsync(bob.SocketUri(b, "secret")));
    }
}
