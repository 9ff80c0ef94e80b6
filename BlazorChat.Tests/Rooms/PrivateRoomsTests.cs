using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>
/// Private rooms end to end, on real Kestrel and real sockets: created and managed through the
/// API with access tokens, enforced at the socket's door, in the room list and in the reads.
/// </summary>
public abstract class PrivateRoomsTests(IDatabaseProvider database) : DatabaseTests(database)
{
    [ServerFact]
    public async Task APrivateRoomRefusesAGuestWith401AndANonMemberWith403BeforeTheUpgrade()
    {
        var (server, ada, bob) = await StartWithAdaAndBobAsync();
        using var adaHttp = ada.HttpClient(server);

        var created = await adaHttp.PostAsJsonAsync("/api/rooms", new { name = "secret", @private = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/rooms/secret/members", created.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(server.WebSocketUri("ws/secret/?name=guest")));
        Assert.Equal(HttpStatusCode.Forbidden, await WsClient.RefusedStatusAsync(bob.SocketUri(server, "secret")));
        await using var owner = await WsClient.ConnectAsync(ada.SocketUri(server, "secret"));
        await owner.SendTextAsync("only us");
        Assert.Equal("only us", await owner.ReceiveTextAsync());
    }

    [ServerFact]
    public async Task AnInvitedMemberJoinsAndABanClosesTheirSocketWith1008AndKeepsThemOut()
    {
        var (server, ada, bob) = await StartWithAdaAndBobAsync();
        using var adaHttp = ada.HttpClient(server);
        await CreateAsync(adaHttp, "secret");

        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.PostAsJsonAsync("/api/rooms/secret/members", new { user = "bob" })).StatusCode);
        await using var member = await WsClient.ConnectAsync(bob.SocketUri(server, "secret"));
        await member.SendTextAsync("thanks for having me");
        Assert.Equal("thanks for having me", await member.ReceiveTextAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.PostAsJsonAsync("/api/rooms/secret/bans", new { user = "bob" })).StatusCode);
        var (_, status) = await member.ReceiveUntilCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal(HttpStatusCode.Forbidden, await WsClient.RefusedStatusAsync(bob.SocketUri(server, "secret")));

        // The ban also ended the membership: an unban alone does not let them back in.
        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.DeleteAsync("/api/rooms/secret/bans/bob")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await WsClient.RefusedStatusAsync(bob.SocketUri(server, "secret")));
    }

    [ServerFact]
    public async Task RemovingAMemberClosesTheirSocketToThePrivateRoom()
    {
        var (server, ada, bob) = await StartWithAdaAndBobAsync();
        using var adaHttp = ada.HttpClient(server);
        await CreateAsync(adaHttp, "secret");
        await adaHttp.PostAsJsonAsync("/api/rooms/secret/members", new { user = "bob" });
        await using var member = await WsClient.ConnectAsync(bob.SocketUri(server, "secret"));

        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.DeleteAsync("/api/rooms/secret/members/bob")).StatusCode);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await member.ReceiveUntilCloseAsync()).Status);
        Assert.Equal(HttpStatusCode.Forbidden, await WsClient.RefusedStatusAsync(bob.SocketUri(server, "secret")));
    }

    [ServerFact]
    public async Task APrivateRoomIsNotListedAndItsMembersAndMessagesAreForMembersOnly()
    {
        var (server, ada, bob) = await StartWithAdaAndBobAsync();
        using var adaHttp = ada.HttpClient(server);
        using var bobHttp = bob.HttpClient(server);
        using var guestHttp = server.CreateHttpClient();
        await CreateAsync(adaHttp, "secret");
        await using var inSecret = await WsClient.ConnectAsync(ada.SocketUri(server, "secret"));
        await using var inLobby = await WsClient.ConnectAsync(server.WebSocketUri("ws/lobby/?name=guest"));

        await Wait.UntilAsync(async () => (await ListedAsync(guestHttp)).Contains("lobby"), "the open room is listed");
        // Listed by the same read as the open room: the private one was left out, to its owner too.
        Assert.DoesNotContain("secret", await ListedAsync(guestHttp));
        Assert.DoesNotContain("secret", await ListedAsync(adaHttp));

        foreach (var read in new[] { "/api/rooms/secret/members", "/api/rooms/secret/messages" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guestHttp.GetAsync(read)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await bobHttp.GetAsync(read)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await adaHttp.GetAsync(read)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await guestHttp.GetAsync("/api/rooms/lobby/messages")).StatusCode);
    }

    [ServerFact]
    public async Task ANameInUseAnswers409ABadOne400AndNoIdentity401()
    {
        var (server, ada, bob) = await StartWithAdaAndBobAsync();
        using var adaHttp = ada.HttpClient(server);
        using var bobHttp = bob.HttpClient(server);
        await CreateAsync(adaHttp, "taken");

        Assert.Equal(HttpStatusCode.Conflict, (await bobHttp.PostAsJsonAsync("/api/rooms", new { name = "taken", @private = true })).StatusCode);

        // An open room that people already use is not anyone's to claim.
        await using (var regular = await WsClient.ConnectAsync(server.WebSocketUri("ws/busy/?name=regular")))
        {
            await regular.SendTextAsync("we talk here");
            Assert.Equal("we talk here", await regular.ReceiveTextAsync());
        }

        Assert.Equal(HttpStatusCode.Conflict, (await bobHttp.PostAsJsonAsync("/api/rooms", new { name = "busy", @private = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bobHttp.PostAsJsonAsync("/api/rooms", new { name = "no spaces", @private = true })).StatusCode);
        using var guestHttp = server.CreateHttpClient();
        var anonymous = await guestHttp.PostAsJsonAsync("/api/rooms", new { name = "mine", @private = true });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [ServerFact]
    public async Task AModeratorMayInviteAndBanButNotMakeModeratorsNorBanTheOwner()
    {
        await using var server = await StartServerAsync();
        var ada = await TestAccount.CreateAsync(server.Services, "ada");
        var mod = await TestAccount.CreateAsync(server.Services, "mod");
        var carol = await TestAccount.CreateAsync(server.Services, "carol");
        var dave = await TestAccount.CreateAsync(server.Services, "dave");
        using var adaHttp = ada.HttpClient(server);
        using var modHttp = mod.HttpClient(server);
        using var carolHttp = carol.HttpClient(server);
        await CreateAsync(adaHttp, "club");

        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.PostAsJsonAsync("/api/rooms/club/moderators", new { user = "mod" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await modHttp.PostAsJsonAsync("/api/rooms/club/members", new { user = "carol" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await modHttp.PostAsJsonAsync("/api/rooms/club/moderators", new { user = "carol" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await modHttp.PostAsJsonAsync("/api/rooms/club/bans", new { user = "ada" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carolHttp.PostAsJsonAsync("/api/rooms/club/members", new { user = "dave" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await modHttp.PostAsJsonAsync("/api/rooms/club/members", new { user = "nobody" })).StatusCode);

        await using var member = await WsClient.ConnectAsync(carol.SocketUri(server, "club"));
        Assert.Equal(HttpStatusCode.NoContent, (await modHttp.PostAsJsonAsync("/api/rooms/club/bans", new { user = "carol" })).StatusCode);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await member.ReceiveUntilCloseAsync()).Status);

        // Made a member again by the owner, a moderator is no longer one.
        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.DeleteAsync("/api/rooms/club/moderators/mod")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await modHttp.PostAsJsonAsync("/api/rooms/club/members", new { user = "dave" })).StatusCode);
        await using var stillIn = await WsClient.ConnectAsync(mod.SocketUri(server, "club"));
    }

    [ServerFact]
    public async Task ABanKeepsAUserOutOfAnOpenRoomWhileOthersComeIn()
    {
        var (server, ada, bob) = await StartWithAdaAndBobAsync();
        using var adaHttp = ada.HttpClient(server);
        Assert.Equal(HttpStatusCode.Created, (await adaHttp.PostAsJsonAsync("/api/rooms", new { name = "square", @private = false })).StatusCode);
        await using var before = await WsClient.ConnectAsync(bob.SocketUri(server, "square"));

        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.PostAsJsonAsync("/api/rooms/square/bans", new { user = "bob" })).StatusCode);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await before.ReceiveUntilCloseAsync()).Status);
        Assert.Equal(HttpStatusCode.Forbidden, await WsClient.RefusedStatusAsync(bob.SocketUri(server, "square")));
        await using var guest = await WsClient.ConnectAsync(server.WebSocketUri("ws/square/?name=passerby"));
    }

    [ServerFact]
    public async Task TheOwnerMayDeleteAnyMessageOfTheRoomAndAMemberOnlyTheirOwn()
    {
        var (server, ada, bob) = await StartWithAdaAndBobAsync();
        using var adaHttp = ada.HttpClient(server);
        await CreateAsync(adaHttp, "secret");
        await adaHttp.PostAsJsonAsync("/api/rooms/secret/members", new { user = "bob" });
        await using var owner = await WsClient.ConnectAsync(new Uri(ada.SocketUri(server, "secret") + "&format=json"));
        await using var member = await WsClient.ConnectAsync(new Uri(bob.SocketUri(server, "secret") + "&format=json"));

        await owner.SendTextAsync("the owner's");
        string owners = (await member.ReceiveJsonAsync("message")).GetProperty("id").GetString()!;
        await member.SendTextAsync("the member's");
        string members = (await owner.ReceiveJsonAsync("message")).GetProperty("id").GetString()!;

        await member.SendTextAsync($$"""{"delete": "{{owners}}"}""");
        Assert.Contains("only its sender", (await member.ReceiveJsonAsync("system")).GetProperty("text").GetString());
        await owner.SendTextAsync($$"""{"delete": "{{members}}"}""");
        var deletion = await member.ReceiveJsonAsync("delete");
        Assert.Equal((members, "ada"), (deletion.GetProperty("target").GetString(), deletion.GetProperty("user").GetString()));
    }

    /// <summary>A server (stopped after the test) with two accounts: ada, who will own rooms, and bob.</summary>
    private async Task<(ChatServer Server, TestAccount Ada, TestAccount Bob)> StartWithAdaAndBobAsync()
    {
        var server = await StartServerAsync();
        return (server, await TestAccount.CreateAsync(server.Services, "ada"), await TestAccount.CreateAsync(server.Services, "bob"));
    }

    private static async Task CreateAsync(HttpClient owner, string room)
    {
        var response = await owner.PostAsJsonAsync("/api/rooms", new { name = room, @private = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<List<string>> ListedAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray().Select(r => r.GetProperty("group").GetString()!)];
}

public sealed class SqlitePrivateRoomsTests(SqliteDatabase database) : PrivateRoomsTests(database), IClassFixture<SqliteDatabase>;

[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class PostgresPrivateRoomsTests(PostgresDatabase database) : PrivateRoomsTests(database), IClassFixture<PostgresDatabase>;
