using BlazorChat.Bus;
using BlazorChat.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// The app's own bus, whose answer to a send can be lost on its way back, as a reply from Redis
/// can be: the send happened (the room has the message), yet the sender is told the bus was
/// unavailable. Everything else goes straight through.
/// </summary>
public sealed class LosesReplies : IGroupBus, IAsyncDisposable
{
    private IGroupBus? _inner;
    private int _toLose;

    /// <summary>Puts one in place of the bus that <paramref name="services"/> registers (after the app's own registration).</summary>
    public static LosesReplies Around(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IGroupBus));
        var losing = new LosesReplies();
        services.AddSingleton<IGroupBus>(sp =>
        {
            losing._inner = (IGroupBus)original.ImplementationFactory!(sp);
            return losing;
        });
        return losing;
    }

    /// <summary>The answer to the next send is lost.</summary>
    public void LoseNext() => Interlocked.Increment(ref _toLose);

    private IGroupBus Inner => _inner ?? throw new InvalidOperationException("Not resolved yet.");

    public bool IsAvailable => Inner.IsAvailable;

    public event Action? AvailabilityChanged
    {
        add => Inner.AvailabilityChanged += value;
        remove => Inner.AvailabilityChanged -= value;
    }

    public Task GroupAddAsync(string group, IGroupMember member, CancellationToken cancellationToken = default) =>
        Inner.GroupAddAsync(group, member, cancellationToken);

    public Task GroupDiscardAsync(string group, IGroupMember member, CancellationToken cancellationToken = default) =>
        Inner.GroupDiscardAsync(group, member, cancellationToken);

    public async Task<ChatMessage> GroupSendAsync(string group, MessageDraft draft, CancellationToken cancellationToken = default)
    {
        var sent = await Inner.GroupSendAsync(group, draft, cancellationToken);
        // Only what members say: the room's join and leave events are answered as ever.
        if (draft.Kind == MessageKind.Message && TakeOneToLose())
        {
            throw new BusUnavailableException($"The answer to a send to '{group}' was lost.");
        }

        return sent;
    }

    private bool TakeOneToLose()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _toLose);
            if (left == 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _toLose, left - 1, left) != left);
        return true;
    }

    public int CountLocalMembers(string group) => Inner.CountLocalMembers(group);

    public int CountLocalGroups() => Inner.CountLocalGroups();

    public async ValueTask DisposeAsync()
    {
        if (_inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
