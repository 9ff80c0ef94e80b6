using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// dotnet run -c Release --project bench/FanOut   (about a minute; in-process, no child builds)
BenchmarkRunner.Run<FanOutBenchmark>(args: args);

/// <summary>
/// One message sent to a room of N members whose writes complete at once (as a socket with room
/// in its buffers does). What it shows: the time per message grows with the room, the bytes
/// allocated per message do not (the message is encoded once and shared; a member costs only
/// its queue entry). Rooms of 64 or more are written by the room's writers on the thread pool.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class FanOutBenchmark
{
    private MemoryGroupBus _bus = null!;
    private readonly MessageDraft _draft = new("bench", "a message of an ordinary length, about sixty characters long");

    [Params(10, 200)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var history = Options.Create(new HistoryOptions());
        _bus = new MemoryGroupBus(new MemoryRoomLogs(history, TimeProvider.System), new ChatMetrics(meters), TimeProvider.System, history, NullLogger<MemoryGroupBus>.Instance);
        for (int i = 0; i < Members; i++)
        {
            _bus.GroupAddAsync("room", new InstantMember()).GetAwaiter().GetResult();
        }
    }

    [Benchmark]
    public Task<ChatMessage> Send() => _bus.GroupSendAsync("room", _draft);

    /// <summary>A member whose writes finish at once; its outbox is the real one.</summary>
    private sealed class InstantMember : IQueueingGroupMember, IOutboxWriter
    {
        public InstantMember()
        {
            Outbox = new MemberOutbox(1024, this);
            Outbox.Start();
        }

        public MemberOutbox Outbox { get; }

        public string Id { get; } = Guid.NewGuid().ToString("N");

        public bool TryDeliver(ChatMessage message) => Outbox.TryEnqueue(message);

        public bool TryQueue(ChatMessage message) => Outbox.TryQueue(message);

        public void Flush() => Outbox.Flush();

        public ValueTask WriteAsync(ChatMessage message) => ValueTask.CompletedTask;

        public ValueTask CloseAsync(DisconnectReason reason) => ValueTask.CompletedTask;
    }
}
