using BlazorChat.Bus;

namespace BlazorChat.Rooms;

/// <summary>
/// Ends connections wherever they are: a command published here reaches every instance through
/// the control channel, and each ends its own matching connections (closed with 1008 and the
/// command's reason on a socket, said on a page). A removal of one connection is carried out only
/// by the instance it names, as a kick.
/// </summary>
/// <remarks>A hosted service, so that it listens from the start on every instance, whether or not this one ever publishes.</remarks>
public sealed class ConnectionCommands(IControlChannel channel, LocalConnections local, InstanceIdentity instance) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        channel.Received += Apply;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        channel.Received -= Apply;
        return Task.CompletedTask;
    }

    public Task PublishAsync(ConnectionCommand command, CancellationToken cancellationToken = default) =>
        channel.PublishAsync(command, cancellationToken);

    private void Apply(ConnectionCommand command)
    {
        if (command.ConnectionId is { } id)
        {
            if (command.Instance == instance.Id)
            {
                local.TryKick(id, command.Reason);
            }

            return;
        }

        foreach (var connection in local.Snapshot())
        {
            if (command.Matches(connection))
            {
                connection.Revoke(command.Reason);
            }
        }
    }
}
