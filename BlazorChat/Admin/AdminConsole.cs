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
/// What the admin console reads and does: rooms and connections across instances, this instance's
/// counters, kicking a connection wherever it is, and posting a system message to a room.
/// </summary>
public sealed class AdminConsole(
    IOptions<AdminOptions> options,
    IOptions<LimitsOptions> limits,
    IGroupBus bus,
    RoomPresence presence,
    LocalConnections connections,
    InstanceIdentity instance,
    IConnectionDirectory directory,
    ConnectionCommands commands,
    ChatMetrics metrics,
    TimeProvider time,
    ILogger<AdminConsole> logger)
{
    // A refused attempt costs the guesser this long; a right key does not wait.
    private static readonly TimeSpan FailedSignInDelay = TimeSpan.FromSeconds(1);

    private readonly byte[] _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Key ?? ""));

    // One for the instance (the console is a singleton), so parallel circuits share it.
    private readonly SignInThrottle _throttle = new(time);

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// Signs in when <paramref name="key"/> is the configured key (compared in constant time), unless
    /// this instance has checked its fill of attempts for the moment (<see cref="SignInThrottle"/>):
    /// then the key is not compared at all.
    /// </summary>
    public async Task<AdminSignInResult> SignInAsync(string? key)
    {
        if (!_throttle.TryAdmit())
        {
            // Not logged above Debug: a flood of these would otherwise flood the log as well.
            AdminLog.SignInThrottled(logger);
            await Task.Delay(FailedSignInDelay);
            return AdminSignInResult.TooManyAttempts;
        }

        var candidate = SHA256.HashData(Encoding.UTF8.GetBytes(key ?? ""));
        if (Enabled && CryptographicOperations.FixedTimeEquals(candidate, _keyHash))
        {
            AdminLog.SignedIn(logger);
            return AdminSignInResult.SignedIn;
        }

        AdminLog.SignInFailed(logger);
        await Task.Delay(FailedSignInDelay);
        return AdminSignInResult.WrongKey;
    }

    public Task<IReadOnlyList<RoomSummary>> RoomsAsync(CancellationToken cancellationToken = default) =>
        presence.RoomsAsync(cancellationToken);

    /// <summary>The sockets and pages in a room on this instance, now, longest connected first (at most <c>Admin:ListedConnectionsPerInstance</c>).</summary>
    public InstanceConnections OwnConnections() =>
        InstanceConnections.Of(instance, connections, options.Value.ListedConnectionsPerInstance, time.GetUtcNow());

    /// <summary>Every other live instance's connections, each as of its last snapshot (within a second of its last change).</summary>
    /// <exception cref="BusUnavailableException">The bus could not be read.</exception>
    public Task<IReadOnlyList<InstanceConnections>> OtherInstancesAsync(CancellationToken cancellationToken = default) =>
        directory.OtherInstancesAsync(cancellationToken);

    public ChatTotals Totals() => metrics.Totals();

    /// <summary>
    /// Removes <paramref name="connection"/> of <paramref name="holder"/> from its room with
    /// <paramref name="reason"/>: here at once, or on another instance through the control channel,
    /// which that instance carries out just as this one would (1008 and the reason on a socket).
    /// </summary>
    public async Task<KickOutcome> KickAsync(InstanceConnections holder, ListedConnection connection, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        reason = reason.Trim();
        var kind = connection.Kind.ToLabel();
        if (holder.InstanceId == instance.Id)
        {
            if (!connections.TryKick(connection.Id, reason))
            {
                return KickOutcome.AlreadyLeft;
            }

            AdminLog.Kicked(logger, kind, connection.Id, connection.Name, connection.Group, reason);
            return KickOutcome.Removed;
        }

        try
        {
            await commands.PublishAsync(ConnectionCommand.ForConnection(holder.InstanceId, connection.Id, reason), cancellationToken);
        }
        catch (BusUnavailableException)
        {
            return KickOutcome.Unreachable;
        }

        AdminLog.KickRequested(logger, holder.InstanceName, kind, connection.Id, connection.Name, connection.Group, reason);
        return KickOutcome.Requested;
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
