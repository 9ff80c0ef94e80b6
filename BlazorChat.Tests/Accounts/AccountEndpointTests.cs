using System.Net;
using System.Text.RegularExpressions;
using BlazorChat.Accounts;
using BlazorChat.Data;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Accounts;

/// <summary>POST /account/login, /account/register and /account/logout over real HTTP, on each database.</summary>
public abstract partial class AccountEndpointTests(IDatabaseProvider database) : DatabaseTests(database)
{
    private const string Password = "password1";

    private static readonly Dictionary<string, string?> NoRateLimit = new() { ["Auth:SignInsPerMinute"] = "0" };

    [ServerFact]
    public async Task APostWithoutTheFormsTokenIsRefused()
    {
        var server = await StartServerAsync(NoRateLimit);
        using var http = Browser(server);

        var login = await http.PostAsync("/account/login", Form(("username", "ada"), ("password", Password)));
        var logout = await http.PostAsync("/account/logout", Form());

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (login.StatusCode, logout.StatusCode));
    }

    [ServerFact]
    public async Task PastSignInsPerMinuteAnAddressIsAnswered429WithTheWayBackToTheForm()
    {
        // A quarter of 4 a minute: one attempt at once.
        var server = await StartServerAsync(new Dictionary<string, string?> { ["Auth:SignInsPerMinute"] = "4" });
        using var http = Browser(server);

        await http.PostAsync("/account/register", Form(("username", "ada"), ("password", Password)));
        var refused = await http.PostAsync("/account/login", Form(("username", "ada"), ("password", Password)));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains($"/account/login?error={AccountErrors.TooManyAttempts}", await refused.Content.ReadAsStringAsync());
    }

    [ServerFact]
    public async Task ASignInGoesOnToALocalReturnUrlOnlyAndAWrongPasswordBackToTheForm()
    {
        var server = await StartServerAsync(NoRateLimit);
        await RegisterAsync(server, "ada");

        var wrong = await PostFormAsync(server, "/account/login", ("username", "ada"), ("password", "wrong-password1"), ("ReturnUrl", "/room/lobby"));
        var local = await PostFormAsync(server, "/account/login", ("username", "ada"), ("password", Password), ("ReturnUrl", "/room/lobby"));
        var elsewhere = await PostFormAsync(server, "/account/login", ("username", "ada"), ("password", Password), ("ReturnUrl", "https://evil.example/"));

        Assert.Equal("/account/login?error=invalid&ReturnUrl=%2Froom%2Flobby", wrong.Headers.Location?.OriginalString);
        Assert.Equal("/room/lobby", local.Headers.Location?.OriginalString);
        Assert.Equal("/", elsewhere.Headers.Location?.OriginalString);
        Assert.Contains(local.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("blazorchat.auth="));
    }

    [ServerFact]
    public async Task RegisteringSignsInAndSigningOutRenewsTheSecurityStamp()
    {
        var server = await StartServerAsync(NoRateLimit);
        using var http = Browser(server);

        var registered = await http.PostAsync("/account/register", Form(("username", "ada"), ("password", Password), ("__RequestVerificationToken", await TokenAsync(http, "/account/register"))));
        Assert.Equal("/", registered.Headers.Location?.OriginalString);
        string stamp = await StampAsync(server, "ada");

        // Signed in, the page's sign-out form carries a token for the account.
        var signedOut = await http.PostAsync("/account/logout", Form(("__RequestVerificationToken", await TokenAsync(http, "/"))));

        Assert.Equal("/", signedOut.Headers.Location?.OriginalString);
        Assert.NotEqual(stamp, await StampAsync(server, "ada"));
        var refused = await http.PostAsync("/account/register", Form(("username", "no"), ("password", Password), ("__RequestVerificationToken", await TokenAsync(http, "/account/register"))));
        Assert.Equal($"/account/register?error={AccountErrors.BadUserName}", refused.Headers.Location?.OriginalString);
    }

    [ServerFact]
    public async Task PasskeyPostsNeedTheFormsTokenAndAddingOneAnAccount()
    {
        var server = await StartServerAsync(NoRateLimit);
        using var http = Browser(server);

        var forged = await http.PostAsync("/account/passkeys/request-options", Form());
        var anonymous = await http.PostAsync("/account/passkeys/creation-options", Form(("__RequestVerificationToken", await TokenAsync(http, "/account/login"))));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized), (forged.StatusCode, anonymous.StatusCode));
    }

    [ServerFact]
    public async Task PasskeyPostsCountAgainstTheSignInLimit()
    {
        // A quarter of 4 a minute: one post at once.
        var server = await StartServerAsync(new Dictionary<string, string?> { ["Auth:SignInsPerMinute"] = "4" });
        using var http = Browser(server);
        string token = await TokenAsync(http, "/account/login");

        var first = await http.PostAsync("/account/passkeys/request-options", Form(("__RequestVerificationToken", token)));
        var second = await http.PostAsync("/account/passkeys/login", Form(("credential", "{}"), ("__RequestVerificationToken", token)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode));
    }

    [ServerFact]
    public async Task APasskeyAnswerEndsItsCeremonySoThatTheSameAnswerAgainIsToldItExpired()
    {
        var server = await StartServerAsync(NoRateLimit);
        using var http = Browser(server);
        string token = await TokenAsync(http, "/account/login");

        var options = await http.PostAsync("/account/passkeys/request-options", Form(("__RequestVerificationToken", token)));
        Assert.Contains("\"challenge\"", await options.Content.ReadAsStringAsync());
        (string, string)[] answer = [("credential", "{\"id\":\"AQID\",\"type\":\"public-key\"}"), ("ReturnUrl", "/room/lobby"), ("__RequestVerificationToken", token)];
        var refused = await http.PostAsync("/account/passkeys/login", Form(answer));
        var replayed = await http.PostAsync("/account/passkeys/login", Form(answer));

        Assert.Equal($"/account/login?error={AccountErrors.PasskeyRefused}&ReturnUrl=%2Froom%2Flobby", refused.Headers.Location?.OriginalString);
        Assert.Equal($"/account/login?error={AccountErrors.PasskeyExpired}&ReturnUrl=%2Froom%2Flobby", replayed.Headers.Location?.OriginalString);
        Assert.DoesNotContain(replayed.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => cookie.StartsWith("blazorchat.auth="));
    }

    /// <summary>A browser of its own (cookies kept, redirects not followed) posting a form it loaded first, token and all.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(ChatServer server, string path, params (string Name, string Value)[] fields)
    {
        using var http = Browser(server);
        string token = await TokenAsync(http, "/account/login");
        return await http.PostAsync(path, Form([.. fields, ("__RequestVerificationToken", token)]));
    }

    private static HttpClient Browser(ChatServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseUri };

    private static async Task<string> TokenAsync(HttpClient http, string page) =>
        TokenField().Match(await http.GetStringAsync(page)) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new Xunit.Sdk.XunitException($"{page} has no antiforgery token");

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static async Task RegisterAsync(ChatServer server, string userName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<AccountDirectory>().RegisterAsync(userName, Password)).Succeeded);
    }

    private static async Task<string> StampAsync(ChatServer server, string userName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        return (await users.GetSecurityStampAsync((await users.FindByNameAsync(userName))!))!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public sealed class SqliteAccountEndpointTests(SqliteDatabase database) : AccountEndpointTests(database), IClassFixture<SqliteDatabase>;

[Requires(PostgresServer.Binaries + "/postgres")]
public sealed class PostgresAccountEndpointTests(PostgresDatabase database) : AccountEndpointTests(database), IClassFixture<PostgresDatabase>;
