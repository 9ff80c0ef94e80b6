using BlazorChat.Accounts;
using BlazorChat.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorChat.Admin;

/// <summary>
/// At start, after the database is migrated: makes the <c>Admin</c> role and puts the accounts
/// that <c>Admin:Users</c> names in it. A name with no account yet is skipped with a warning, never
/// reserved: whoever registered it later would become an administrator.
/// </summary>
internal sealed partial class AdminRoleSeeder(IServiceScopeFactory scopes, IOptions<AdminOptions> options, ILogger<AdminRoleSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Users.Length == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
        if (!await roles.RoleExistsAsync(AccountsServiceCollectionExtensions.AdminRole))
        {
            await roles.CreateAsync(new IdentityRole(AccountsServiceCollectionExtensions.AdminRole));
        }

        foreach (string name in options.Value.Users)
        {
            if (await users.FindByNameAsync(name) is not { } user)
            {
                NoSuchAccount(logger, name);
            }
            else if (!await users.IsInRoleAsync(user, AccountsServiceCollectionExtensions.AdminRole))
            {
                await users.AddToRoleAsync(user, AccountsServiceCollectionExtensions.AdminRole);
                Granted(logger, name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Admin:Users names '{UserName}', which no account has; register it, then restart")]
    private static partial void NoSuchAccount(ILogger logger, string userName);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Account '{UserName}' is now in the Admin role")]
    private static partial void Granted(ILogger logger, string userName);
}
