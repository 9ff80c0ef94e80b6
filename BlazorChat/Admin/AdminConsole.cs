using System.Security.Cryptography;
using System.Text;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using Microsoft.Extensions.Options;

namespace BlazorChat.Admin;

/// <summary>
/// What the admin console reads and does: rooms across instances, this instance's connections and
/// counters, kicking a connection, and posting a system message to a room.
/// </summary>
public sealed class AdminConsole(
    IOptions<AdminOptions> options,
    IOptions<LimitsOptions> limits,
    IGroupBus bus,
    RoomPresence presence,
    LocalConnections connections,
    ChatMetrics metrics,
    ILogger<AdminConsole> logger)
{
    // A wrong key costs the guesser this long; a right one does not wait.
    private static readonly TimeSpan FailedSignInDelay = TimeSpan.FromSeconds(1);

    private readonly byte[] _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Key ?? ""));

    public bool Enabled => options.Value.Enabled;

    /// <summary>True when <paramref name="key"/> is the configured key (compared in constant time).</summary>
    public async Task<bool> SignInAsync(string? key)
    {
        var candidate = SHA256.HashData(Encoding.UTF8.GetBytes(key ?? ""));
        if (Enabled && CryptographicOperations.FixedTimeEquals(candidate, _keyHash))
        {
            AdminLog.SignedIn(logger);
            return true;
        }

        AdminLog.SignInFailed(logger);
        await Task.Delay(FailedSignInDelay);
        return false;
    }

    public Task<IReadOnlyList<RoomSummary>> RoomsAsync(CancellationToken cancellationToken = default) =>
        presence.RoomsAsync(cancellationToken);

    /// <summary>The sockets and pages in a room on this instance, longest connected first.</summary>
    public IReadOnlyList<RoomConnection> Connections() =>
        [.. connections.Snapshot().OrderBy(c => c.ConnectedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];

    public ChatTotals Totals() => metrics.Totals();

    /// <summary>Removes a connection from its room with <paramref name="reason"/>; false when it already left.</summary>
    public bool Kick(RoomConnection connection, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!connections.TryKick(connection.Id, reason.Trim()))
        {
            return false;
        }

        AdminLog.Kicked(logger, connection.Kind.ToLabel(), connection.Id, connection.Name, connection.Group, reason.Trim());
        return true;
    }

    /// <summary>Why <paramref name="text"/> cannot be posted, or null when it can.</summary>
    public string? ExplainPost(string? group, string? text) =>
        GroupName.Explain(group) ?? MessageText.Explain(text, limits.Value.MaxMessageBytes);

    /// <summary>Posts a line in the room's own voice, to everyone in it on every instance, and into its history.</summary>
    public async Task PostAsync(string group, string text, CancellationToken cancellationToken = default)
    {
        if (ExplainPost(group, text) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        await bus.GroupSendAsync(group, new MessageDraft("", text, MessageKind.System), cancellationToken);
        AdminLog.Posted(logger, group);
        AdminLog.PostedText(logger, group, text);
    }
}
