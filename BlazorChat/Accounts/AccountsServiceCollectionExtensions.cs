using BlazorChat.Data;
using BlazorChat.WebSockets;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BlazorChat.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>The roles the app knows: an <c>Admin</c> may use the admin console without its key.</summary>
    public const string AdminRole = "Admin";

    private const string RequestLinesCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Registers accounts (ASP.NET Core Identity on <see cref="ChatDbContext"/>), their cookie for
    /// pages and their access tokens for scripts (one scheme that picks between them per
    /// request), the circuits' revalidation, the guest policy (<c>Auth</c>), and Data Protection's
    /// keys in Redis when the bus is on Redis, so every instance reads every cookie. Needs
    /// <c>AddChatDatabase</c> and <c>AddRooms</c>.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Guests), "Auth:Guests must be Allow or Deny.")
            .Validate(o => AuthOptions.IsPasskeyDomain(o.PasskeyDomain),
                "Auth:PasskeyDomain must be a domain name such as chat.example.com (no scheme, port or path; WebAuthn refuses IP addresses).");

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = ChatAuthentication.Scheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(ChatAuthentication.Scheme, "Cookie or access token", o => o.ForwardDefaultSelector = ChatAuthentication.SchemeFor)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(ChatAuthentication.ConfigureCookie);
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<AuthOptions>>((o, auth) => o.ValidationInterval = TimeSpan.FromSeconds(auth.Value.RevalidationSeconds));

        // Before Identity's own registration, which only adds a normalizer if there is none.
        services.TryAddSingleton<ILookupNormalizer, NameNormalizer>();
        services.AddIdentityCore<ChatUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = UserNames.AllowedCharacters;
                // Length, not composition (NIST SP 800-63B): eight characters or more, of any kind.
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Stores.SchemaVersion = ChatDbContext.IdentitySchema;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ChatDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ChatUserClaimsFactory>()
            .AddDefaultTokenProviders();

        // Identity's defaults otherwise: the browser's origin must be the one each request came from
        // (nginx passes Origin and Host on unchanged), and the user must be verified (a PIN, a
        // fingerprint), so that a passkey is a whole sign-in on its own.
        services.AddOptions<IdentityPasskeyOptions>()
            .Configure<IOptions<AuthOptions>>((o, auth) => o.ServerDomain = string.IsNullOrEmpty(auth.Value.PasskeyDomain) ? null : auth.Value.PasskeyDomain);

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AccountRevalidation>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<AccountDirectory>();
        services.AddScoped<Rooms.RoomAdmission>();

        // A browser's socket carries its token in the query string, and Hosting's "Request
        // starting" line writes the whole URL at Information: no setting may turn that line on.
        services.AddLogging(logging => logging.AddFilter(RequestLinesCategory, level => level >= LogLevel.Warning));

        services.AddDataProtection().SetApplicationName("BlazorChat");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            if (sp.GetRequiredService<IOptions<Bus.BusOptions>>().Value.Provider == Bus.BusProvider.Redis)
            {
                var redis = sp.GetRequiredService<Bus.Redis.RedisConnection>();
                var key = sp.GetRequiredService<Bus.Redis.RedisKeys>().DataProtectionKeys;
                o.XmlRepository = new RedisXmlRepository(() => redis.GetAsync().GetAwaiter().GetResult().GetDatabase(), key);
            }
        });
        return services;
    }
}
