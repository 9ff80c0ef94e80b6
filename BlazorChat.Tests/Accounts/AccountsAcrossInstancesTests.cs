using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.DataProtection;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Accounts;

/// <summary>
/// Two instances on one Redis and one PostgreSQL database, as deployed behind nginx: an account
/// made on one is known on the other, and a token revoked on one is closed on the other.
/// </summary>
[Requires(RedisServer.Executable)]
[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class AccountsAcrossInstancesTests(RedisProvider redis, PostgresDatabase database)
    : ProviderTests(redis), IClassFixture<RedisProvider>, IClassFixture<PostgresDatabase>
{
    [ServerFact]
    public async Task ATokenMadeOnOneInstanceWorksOnTheOtherAndRevokingItClosesItsSocketThere()
    {
        var shared = await database.NewDatabaseAsync();
        await using var first = await StartServerAsync(shared);
        await using var second = await StartServerAsync(shared);
        var ada = await TestAccount.CreateAsync(first.Services, "ada");

        await using var onSecond = await WsClient.ConnectAsync(second.WebSocketUri("ws/shared/?format=json"), bearer: ada.Token);
        await onSecond.SendTextAsync("from the second instance");
        Assert.Equal("ada", (await onSecond.ReceiveJsonAsync("message")).GetProperty("user").GetString());

        await ada.RevokeAsync(first.Services);

        var (_, status) = await onSecond.ReceiveUntilCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(second.WebSocketUri("ws/shared/"), bearer: ada.Token));
    }

    [ServerFact]
    public async Task WhatOneInstanceProtectsTheOtherReadsSoACookieIsGoodOnBoth()
    {
        var shared = await database.NewDatabaseAsync();
        await using var first = await StartServerAsync(shared);
        await using var second = await StartServerAsync(shared);

        // The cookie middleware's own purpose string; any purpose shows the key ring is one.
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
        string sealedOnFirst = first.Get<IDataProtectionProvider>().CreateProtector(purpose).Protect("signed in as ada");
        Assert.Equal("signed in as ada", second.Get<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(sealedOnFirst));

        await using var probe = await (await redis.GetServerAsync()).ConnectAsync();
        Assert.True(await probe.GetDatabase().KeyExistsAsync($"{Prefix}:dataprotection-keys"), "the key ring is in Redis, under the deployment's prefix");
    }

    [ServerFact]
    public async Task AGuestOnEitherInstanceCannotTakeANameRegisteredOnTheOther()
    {
        var shared = await database.NewDatabaseAsync();
        await using var first = await StartServerAsync(shared);
        await using var second = await StartServerAsync(shared);
        await TestAccount.CreateAsync(first.Services, "grace");

        Assert.Equal(HttpStatusCode.Conflict, await WsClient.RefusedStatusAsync(second.WebSocketUri("ws/shared/?name=Grace")));
    }
}
