using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BlazorChat.Bus;

/// <summary>
/// This process among the instances on the bus: an id of its own, new at each start (so a
/// restarted instance is never taken for the one before it), and a name for people to tell the
/// instances apart by: the machine's name and the addresses it listens on.
/// </summary>
public sealed class InstanceIdentity(IServer? server = null, IHostApplicationLifetime? lifetime = null)
{
    private string? _name;

    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Such as <c>web-1 http://127.0.0.1:5001</c>. Only the machine's name until the app has
    /// started (before that, the addresses are the configured ones, port 0 included) and outside
    /// a host, which has no server; from then on, kept.
    /// </summary>
    public string Name => _name ?? Describe();

    private string Describe()
    {
        if (server is null || lifetime is not { ApplicationStarted.IsCancellationRequested: true }
            || server.Features.Get<IServerAddressesFeature>()?.Addresses is not { Count: > 0 } addresses)
        {
            return Environment.MachineName;
        }

        return _name = $"{Environment.MachineName} {string.Join(", ", addresses)}";
    }
}
