using System.Net.Http.Headers;
using BlazorChat.Accounts;
using BlazorChat.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>An account made through the app's own services, with an access token for the API and sockets.</summary>
public sealed record TestAccount(string UserName, string Token)
{
    public const string Password = "correct-horse-42";

    public static async Task<TestAccount> RegisterAsync(ChatServer server, string userName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().RegisterAsync(userName, Password);
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors.Select(e => e.Description)));
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>().FindByNameAsync(userName);
        var (_, token, problem) = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user!.Id, "tests");
        Assert.Null(problem);
        return new TestAccount(userName, token!);
    }

    /// <summary>A client of <paramref name="server"/>'s API that sends this account's token.</summary>
    public HttpClient HttpClient(ChatServer server)
    {
        var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    /// <summary><paramref name="server"/>'s socket for <paramref name="room"/>, signed in by query (as a browser's WebSocket must).</summary>
    public Uri SocketUri(ChatServer server, string room) => server.WebSocketUri($"ws/{room}/?access_token={Uri.EscapeDataString(Token)}");
}
