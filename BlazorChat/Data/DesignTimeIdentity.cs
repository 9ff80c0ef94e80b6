using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Data;

/// <summary>
/// Identity's options as the app sets them, for a context made without the app (dotnet ef):
/// Identity shapes its tables by the schema version in the application's services, and without
/// them would build version 1, with no passkeys, and migrations would drop the table.
/// </summary>
internal static class DesignTimeIdentity
{
    public static IServiceProvider Services { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = ChatDbContext.IdentitySchema)
        .BuildServiceProvider();
}
