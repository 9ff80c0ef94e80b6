using System.Collections.Concurrent;
using BlazorChat.Bus;

namespace BlazorChat.WebSockets;

/// <summary>
/// The sockets open in this process, so that stopping the server can close each of them with
/// 1001 (after what is already queued for it) instead of letting them drop.
/// </summary>
internal sealed class OpenSockets
{
    private readonly ConcurrentDictionary<WebSocketMember, byte> _members = new();

    public OpenSockets(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.Register(() => CloseAll(DisconnectReason.ServerStopping));

    /// <summary>The sockets open now, for diagnostics.</summary>
    public ICollection<WebSocketMember> Members => _members.Keys;

    public void Add(WebSocketMember member) => _members.TryAdd(member, 0);

    public void Remove(WebSocketMember member) => _members.TryRemove(member, out _);

    private void CloseAll(DisconnectReason reason)
    {
        foreach (var member in _members.Keys)
        {
            member.Outbox.Close(reason);
        }
    }
}
