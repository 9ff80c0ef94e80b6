using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Bus;

/// <summary>
/// Senders that keep a room busy while a test does something to Redis: each sends numbered
/// messages one at a time, every 10 ms, recording each as sent or refused (BusUnavailableException).
/// </summary>
internal sealed class RoomTraffic
{
    /// <summary>History kept per room, more than a slow run sends: every message sent can be looked for in it.</summary>
    public const int HistoryLength = 100_000;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _senders;

    private RoomTraffic(IGroupBus bus, string room, string[] senders)
    {
        _senders = [.. senders.Select(sender => Task.Run(() => SendAsync(bus, room, sender)))];
    }

    /// <summary>What the room said it took: each sender's numbers, in the order they were sent.</summary>
    public ConcurrentQueue<Said> Sent { get; } = new();

    public ConcurrentQueue<Said> Refused { get; } = new();

    /// <summary>The settings of the instances that carry the traffic.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["History:Length"] = HistoryLength.ToString() };

    public static RoomTraffic Start(IGroupBus bus, string room, params string[] senders) => new(bus, room, senders);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_senders);
        _stop.Dispose();
    }

    private async Task SendAsync(IGroupBus bus, string room, string sender)
    {
        for (int n = 0; !_stop.IsCancellationRequested; n++)
        {
            try
            {
                await bus.GroupSendAsync(room, new MessageDraft(sender, $"{n}"));
                Sent.Enqueue(new(sender, n));
            }
            catch (BusUnavailableException)
            {
                Refused.Enqueue(new(sender, n));
            }

            await Task.Delay(10);
        }
    }

    /// <summary>What the reader's bus says it read from the stream because its subscription had missed it, for the test's output.</summary>
    public static string Recovered(LogCapture logs)
    {
        var counts = logs.Lines.Select(line => Regex.Match(line, @"Delivered (\d+) messages of room .* that its subscription had missed"))
            .Where(match => match.Success).Select(match => int.Parse(match.Groups[1].Value)).ToList();
        return $"missed live and read from the stream: {counts.Sum()} in {counts.Count} reads";
    }

    /// <summary>One numbered message of one sender.</summary>
    public readonly record struct Said(string Sender, int N)
    {
        public static Said Of(ChatMessage message) => new(message.Sender, int.Parse(message.Text));
    }

    /// <summary>A reader that records what the traffic's messages arrive as, in the order they arrive.</summary>
    public sealed class Reader : IGroupMember
    {
        public ConcurrentQueue<Said> Received { get; } = new();

        public string Id => "reader";

        public bool TryDeliver(ChatMessage message)
        {
            if (message.Kind == MessageKind.Message)
            {
                Received.Enqueue(Said.Of(message));
            }

            return true;
        }

        /// <summary>
        /// Waits until every message the room kept (<paramref name="kept"/>, its history once the
        /// traffic has stopped) and every one its senders were told was taken arrived here, then
        /// asserts that nothing else did, apart from sends refused for want of an answer (Redis may
        /// have taken one before it went). A message can be taken and not kept: Redis replicates
        /// asynchronously, so what a master took just before it died may be missing from the
        /// replica that takes over, but it was published before the master died.
        /// </summary>
        public async Task AssertEachTakenArrivedAsync(RoomTraffic traffic, IEnumerable<ChatMessage> kept)
        {
            var taken = kept.Where(m => m.Kind == MessageKind.Message).Select(Said.Of).Union(traffic.Sent).ToHashSet();
            await Wait.UntilAsync(() => taken.IsSubsetOf(Received), "every message the room took arrives live");
            Assert.All(Received, said => Assert.True(taken.Contains(said) || traffic.Refused.Contains(said), $"{said} arrived but was never sent"));
        }

        /// <summary>Asserts that nothing arrived twice and each sender's messages came in the order sent.</summary>
        public void AssertOnceEachInEachSendersOrder()
        {
            var received = Received.ToList();
            Assert.Equal(received.Distinct(), received);
            foreach (var sender in received.GroupBy(s => s.Sender))
            {
                Assert.Equal(sender.Select(s => s.N).Order(), sender.Select(s => s.N));
            }
        }
    }
}
