using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace BlazorChat.Diagnostics;

/// <summary>
/// With <c>Metrics:Port</c> set, makes Kestrel listen on that port too, on each host the app's own
/// URLs name (<c>http://127.0.0.1:5001</c> gives <c>http://127.0.0.1:PORT</c>), in plain HTTP:
/// the management port is as reachable as the app itself, no more.
/// </summary>
/// <remarks>
/// A startup filter runs after the host has put the configured URLs (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>HTTP_PORTS</c>) into the server's addresses and before Kestrel binds
/// them, so the port is added beside them. Listening through <c>KestrelServerOptions.Listen</c>
/// instead would make Kestrel ignore those URLs altogether. A URL that already names the port is
/// left to bind it alone.
/// </remarks>
internal sealed class MetricsPortStartupFilter(IServer server, IOptions<MetricsOptions> options) : IStartupFilter
{
    // What Kestrel binds when no URL is configured; an address added here would otherwise replace it.
    private const string KestrelDefault = "http://localhost:5000";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.Port is int port && server.Features.Get<IServerAddressesFeature>() is { Addresses.IsReadOnly: false } feature)
        {
            var addresses = feature.Addresses;
            if (addresses.Count == 0)
            {
                addresses.Add(KestrelDefault);
            }

            var urls = addresses.Select(BindingAddress.Parse).Where(a => !a.IsUnixPipe).ToList();
            if (!urls.Any(a => a.Port == port))
            {
                foreach (var host in urls.Select(a => a.Host).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    addresses.Add($"http://{host}:{port}");
                }
            }
        }

        next(app);
    };
}
