using BlazorChat.Accounts;
using BlazorChat.Bus;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BlazorChat.Admin;

public static class AdminConsoleExtensions
{
    /// <summary>
    /// Registers the console and, whatever <c>Admin:Key</c> says, the directory of every instance's
    /// connections that it reads (an instance without a key still lists its connections for the
    /// consoles of the others). Needs <c>AddGroupBus</c>, <c>AddPresence</c> and <c>AddRooms</c>.
    /// </summary>
    public static IServiceCollection AddAdminConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddSingleton<AdminConsole>();
        services.TryAddSingleton(GroupBusServiceCollectionExtensions.ByProvider<IConnectionDirectory, MemoryConnectionDirectory, RedisConnectionDirectory>);
        services.AddHostedService<ConnectionSnapshotPublisher>();
        services.AddHostedService<AdminRoleSeeder>();
        return services;
    }

    /// <summary>
    /// Without <c>Admin:Key</c>, <c>/admin</c> does not exist (it answers 404 like any unknown page),
    /// except to an account in the <c>Admin</c> role. Needs the authentication middleware before it.
    /// </summary>
    public static WebApplication UseAdminConsoleGate(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AdminOptions>>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/admin") && !options.Value.Enabled
                && !context.User.IsInRole(AccountsServiceCollectionExtensions.AdminRole),
            branch => branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        return app;
    }
}
