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
        return services;
    }

    /// <summary>Without <c>Admin:Key</c>, <c>/admin</c> does not exist: it answers 404 like any unknown page.</summary>
    public static WebApplication UseAdminConsoleGate(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AdminOptions>>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/admin") && !options.Value.Enabled,
            branch => branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
        return app;
    }
}
