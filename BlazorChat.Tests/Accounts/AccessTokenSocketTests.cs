using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Accounts;

/// <summary>Scripts with personal access tokens: who they are in a room, and every way a token can be bad.</summary>
public abstract class AccessTokenSocketTests(IDatabaseProvider database) : DatabaseTests(database)
{
    private const string Room = "token_room";

    private static Uri Json(ChatServer server, string query = "") => server.WebSocketUri($"ws/{Room}/?format=json{query}");

    [ServerFact]
    public async Task ATokenJoinsUnderTheAccountsDisplayNameAndItsMessagesCarryTheAccount()
    {
        var server = await StartServerAsync();
        var ada = await TestAccount.CreateAsync(server.Services, "ada");
        await using var guest = await WsClient.ConnectAsync(Json(server, "&name=guest1"));
        // The name a token's holder asks for counts for nothing: it speaks as its account.
        await using var script = await WsClient.ConnectAsync(Json(server, "&name=somebody_else"), bearer: ada.Token);

        await script.SendTextAsync("hello from a script");
        var seen = await guest.ReceiveJsonAsync("message");
        Assert.Equal("ada", seen.GetProperty("sender").GetString());
        Assert.Equal("ada", seen.GetProperty("user").GetString());

        await guest.SendTextAsync("hello from a guest");
        var fromGuest = await script.ReceiveJsonAsync("message");
        while (fromGuest.GetProperty("sender").GetString() != "guest1")
        {
            fromGuest = await script.ReceiveJsonAsync("message");
        }

        Assert.False(fromGuest.TryGetProperty("user", out _), "a guest's envelope has no user");
    }

    [ServerFact]
    public async Task ATokenInTheQueryStringWorksWhereNoHeaderCanBeSet()
    {
        var server = await StartServerAsync();
        var ada = await TestAccount.CreateAsync(server.Services, "ada");
        await using var script = await WsClient.ConnectAsync(Json(server, $"&access_token={ada.Token}"));

        await script.SendTextAsync("from a browser's socket");
        var echo = await script.ReceiveJsonAsync("message");
        Assert.Equal("ada", echo.GetProperty("user").GetString());
    }

    [ServerFact]
    public async Task ABadTokenIsRefusedWith401BeforeTheUpgradeWhereverItIsSent()
    {
        var server = await StartServerAsync();
        var ada = await TestAccount.CreateAsync(server.Services, "ada");
        string unknown = "bct_" + new string('A', 43);

        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(Json(server), bearer: "not-a-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(Json(server), bearer: unknown));
        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(Json(server, $"&access_token={unknown}")));
        // One character off a real token is as bad as none.
        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(Json(server), bearer: ada.Token[..^1] + (ada.Token[^1] == 'A' ? 'B' : 'A')));

        using var http = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/rooms");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", unknown);
        using var refused = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var good = new HttpRequestMessage(HttpMethod.Get, "api/rooms");
        good.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ada.Token);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(good)).StatusCode);
    }

    [ServerFact]
    public async Task RevokingATokenClosesItsSocketsWith1008AndRefusesItAfter()
    {
        var server = await StartServerAsync();
        var ada = await TestAccount.CreateAsync(server.Services, "ada");
        await using var script = await WsClient.ConnectAsync(Json(server), bearer: ada.Token);
        await using var bystander = await WsClient.ConnectAsync(Json(server, "&name=bystander"));

        await ada.RevokeAsync(server.Services);

        var (_, status) = await script.ReceiveUntilCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Contains("revoked", script.Socket.CloseStatusDescription);
        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(Json(server), bearer: ada.Token));

        // Everyone else stays.
        await bystander.SendTextAsync("still here");
        Assert.Equal("still here", (await bystander.ReceiveJsonAsync("message")).GetProperty("text").GetString());
    }

    [ServerFact]
    public async Task AGuestCannotTakeAnAccountsNameInAnyCaseOrWidth()
    {
        var server = await StartServerAsync();
        await TestAccount.CreateAsync(server.Services, "ada");

        foreach (var name in new[] { "ada", "ADA", "Ada", "ａｄａ" })
        {
            Assert.Equal(HttpStatusCode.Conflict, await WsClient.RefusedStatusAsync(Json(server, $"&name={Uri.EscapeDataString(name)}")));
        }

        // Invisible and text-direction characters are refused in every name, so "ada" cannot hide behind one.
        foreach (var name in new[] { "ada\u200B", "\u202Eada", "ad\u2066a", "ada\u3164" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, await WsClient.RefusedStatusAsync(Json(server, $"&name={Uri.EscapeDataString(name)}")));
        }

        await using var grace = await WsClient.ConnectAsync(Json(server, "&name=grace"));
    }

    [ServerFact]
    public async Task WithGuestsDeniedEverySocketNeedsAToken()
    {
        var server = await StartServerAsync(new Dictionary<string, string?> { ["Auth:Guests"] = "Deny" });
        var ada = await TestAccount.CreateAsync(server.Services, "ada");

        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(Json(server, "&name=guest")));
        await using var script = await WsClient.ConnectAsync(Json(server), bearer: ada.Token);
        Assert.Contains("ada", script.Welcome);
    }

    [ServerFact]
    public async Task ATokenInTheQueryStringNeverReachesALogLine()
    {
        var logs = new LogCapture();
        var server = await StartServerAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" }, services: logs.AddTo);
        var ada = await TestAccount.CreateAsync(server.Services, "ada");

        await using (var script = await WsClient.ConnectAsync(Json(server, $"&access_token={ada.Token}")))
        {
            await script.SendTextAsync("logged?");
            await script.ReceiveJsonAsync("message");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(Json(server, $"&access_token={ada.Token}x")));
        Assert.NotEmpty(logs.Lines);
        var leaks = logs.Lines.Where(line => line.Contains(ada.Token[4..20], StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }
}

public sealed class SqliteAccessTokenSocketTests(SqliteDatabase database) : AccessTokenSocketTests(database), IClassFixture<SqliteDatabase>;

[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class PostgresAccessTokenSocketTests(PostgresDatabase database) : AccessTokenSocketTests(database), IClassFixture<PostgresDatabase>;
