using BlazorChat.Accounts;
using Microsoft.Extensions.Options;

namespace BlazorChat.Admin;

public static class AdminConsoleExtensions
{
    public static IServiceCollection AddAdminConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddSingleton<AdminConsole>();
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
