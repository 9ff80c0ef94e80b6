using System.Net.Http.Headers;
using BlazorChat.Accounts;
using BlazorChat.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>An account made through the app's own services, as registering on its page would, with an access token for the API and sockets.</summary>
public sealed record TestAccount(string UserId, string UserName, string Token, Guid TokenId)
{
    public const string Password = "correct horse battery";

    public static async Task<TestAccount> CreateAsync(IServiceProvider services, string userName)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().RegisterAsync(userName, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>().FindByNameAsync(userName);
        var (record, token, problem) = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user!.Id, "tests");
        Assert.Null(problem);
        return new TestAccount(user.Id, userName, token!, record!.Id);
    }

    /// <summary>Revokes the token as its owner would on the account page.</summary>
    public async Task RevokeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AccessTokens>().RevokeAsync(UserId, TokenId));
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
