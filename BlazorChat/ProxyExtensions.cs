using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BlazorChat;

/// <summary>
/// Behind a reverse proxy (deploy/nginx.conf), the client's address and scheme come from the
/// proxy's X-Forwarded-For and X-Forwarded-Proto, so the per-address connection cap counts each
/// client rather than the proxy, and a socket's Origin is compared with the scheme the page used.
/// Only proxies on loopback are trusted, plus those listed in <c>ForwardedHeaders:KnownProxies</c>.
/// </summary>
public static class ProxyExtensions
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";

    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ForwardedHeadersOptions>()
            .Configure(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                foreach (var value in KnownProxies(configuration))
                {
                    if (IPAddress.TryParse(value, out var address))
                    {
                        options.KnownProxies.Add(address);
                    }
                }
            })
            .Validate(_ => KnownProxies(configuration).All(IsAddress),
                $"{KnownProxiesKey} must list IP addresses of trusted proxies, such as 10.0.0.5.");
        return services;
    }

    private static bool IsAddress(string value) => IPAddress.TryParse(value, out var address) && address is not null;

    private static IEnumerable<string> KnownProxies(IConfiguration configuration) =>
        configuration.GetSection(KnownProxiesKey).GetChildren().Select(child => child.Value ?? "");
}
