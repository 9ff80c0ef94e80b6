using System.Net;
using BlazorChat.Accounts;
using BlazorChat.Data;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Admin;

/// <summary>Admin:Users puts existing accounts in the Admin role at start, and reserves nothing.</summary>
public sealed class AdminRoleSeederTests
{
    [ServerFact]
    public async Task AListedAccountIsAnAdministratorAfterARestartAndAnUnregisteredNameIsNot()
    {
        string file = SqliteFiles.Create();
        var database = new Dictionary<string, string?> { [SqliteFiles.Setting] = SqliteFiles.ConnectionString(file) };
        try
        {
            await using (var before = ChatServer.Start(database))
            {
                await TestAccount.CreateAsync(before.Services, "ada");
            }

            await using var after = ChatServer.Start(new Dictionary<string, string?>(database) { ["Admin:Users:0"] = "ada", ["Admin:Users:1"] = "mallory" });
            await using var scope = after.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            Assert.True(await users.IsInRoleAsync((await users.FindByNameAsync("ada"))!, AccountsServiceCollectionExtensions.AdminRole));

            // Registering a listed name later grants nothing.
            await TestAccount.CreateAsync(after.Services, "mallory");
            Assert.False(await users.IsInRoleAsync((await users.FindByNameAsync("mallory"))!, AccountsServiceCollectionExtensions.AdminRole));

            // Without Admin:Key the console answers 404 to everyone else.
            using var http = after.CreateHttpClient();
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("admin")).StatusCode);
        }
        finally
        {
            SqliteFiles.Delete(file);
        }
    }
}
