using System.Net;
using System.Net.Http.Json;
using BlazorChat.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace BlazorChat.Tests.Rooms;

/// <summary>A database that cannot answer about rooms is a 503 at the door and in the API, never a 500.</summary>
public sealed class RoomAccessOutageTests : IAsyncLifetime
{
    private readonly string _file = SqliteFiles.Create();
    private ChatServer _server = null!;

    public Task InitializeAsync()
    {
        _server = ChatServer.Start(new Dictionary<string, string?> { [SqliteFiles.Setting] = SqliteFiles.ConnectionString(_file) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteFiles.Delete(_file);
    }

    [Fact]
    public async Task RoomsThatCannotBeReadAnswer503()
    {
        var ada = await TestAccount.CreateAsync(_server.Services, "ada");
        // The accounts still answer, the rooms no longer do: every question about a room fails in the database.
        await using (var connection = new SqliteConnection(SqliteFiles.ConnectionString(_file)))
        {
            await connection.OpenAsync();
            await using var drop = new SqliteCommand("DROP TABLE RoomBans; DROP TABLE RoomMembers; DROP TABLE Rooms;", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WsClient.RefusedStatusAsync(_server.WebSocketUri("ws/lobby/?name=guest")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WsClient.RefusedStatusAsync(ada.SocketUri(_server, "lobby")));
        using var guest = _server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await guest.GetAsync("/api/rooms/lobby/messages")).StatusCode);
        using var http = ada.HttpClient(_server);
        var create = await http.PostAsJsonAsync("/api/rooms", new { name = "mine", @private = true });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, create.StatusCode);
    }
}
