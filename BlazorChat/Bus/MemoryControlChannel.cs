using BlazorChat.Rooms;

namespace BlazorChat.Bus;

/// <summary>The control channel of a single instance: a command reaches this process's handlers at once.</summary>
internal sealed class MemoryControlChannel : IControlChannel
{
    public event Action<ConnectionCommand>? Received;

    public Task PublishAsync(ConnectionCommand command, CancellationToken cancellationToken = default)
    {
        Received?.Invoke(command);
        return Task.CompletedTask;
    }
}
