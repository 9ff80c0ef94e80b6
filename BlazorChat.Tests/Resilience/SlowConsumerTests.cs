using BlazorChat.Rooms;
using System.Net.WebSockets;
using BlazorChat.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.WebSockets;

namespace BlazorChat.Tests.Resilience;

/// <summary>A real socket that stops reading while its room is busy.</summary>
[Collection(MeasuresMemoryCollection.Name)]
public sealed class SlowConsumerTests
{
    private const int Messages = 10_000;

    [Fact]
    public async Task AClientThatStopsReadingIsClosedWith1013WhileTheOthersGetEverythingAndMemoryStaysFlat()
    {
        await using var server = ChatServer.Start(new Dictionary<string, string?> { ["Limits:MessagesPerSecond"] = "0" });
        await using var publisher = await WsClient.ConnectAsync(server.WebSocketUri("ws/busy/?name=publisher"));
        await using var reader = await WsClient.ConnectAsync(server.WebSocketUri("ws/busy/?name=reader"));
        await using var stalled = await WsClient.ConnectAsync(server.WebSocketUri("ws/busy/?name=stalled"));
        var stalledMember = server.Get<OpenSockets>().Connections.Single(m => m.Name == "stalled");
        var payload = new string('x', 2000);

        // Checked as they come and not kept, so that the test's own memory stays out of the measure.
        // The publisher hears its own messages back every hundred: a fast sender, but one the
        // room's readers can keep up with, unlike the stalled one.
        var readerGot = ExpectInOrderAsync(reader, payload, 0, Messages);

        // The stalled client wakes up once it has been let go, and reads what the network held
        // for it, then the reason. (Not reading for another 5 s would get it cut off instead.)
        var stalledReads = Task.Run(async () =>
        {
            await stalledMember.Ended;
            return await stalled.ReceiveUntilCloseAsync();
        });
        long before = 0;
        for (int i = 0; i < Messages; i += 100)
        {
            for (int n = i; n < i + 100; n++)
            {
                await publisher.SendTextAsync($"{n} {payload}");
            }

            await ExpectInOrderAsync(publisher, payload, i, 100);
            if (i == 2_000)
            {
                // Past the first buffers' worth; from here on the server's memory must not grow with the backlog.
                before = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        await readerGot.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(DisconnectReason.SlowConsumer, await stalledMember.Outbox.Closed.DefaultTimeout());
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 32 * 1024 * 1024, $"Managed memory grew by {(after - before) / 1024 / 1024} MB while the stalled client fell behind.");

        var (texts, status) = await stalledReads.DefaultTimeout();
        Assert.Equal((WebSocketCloseStatus)1013, status);
        Assert.InRange(texts.Count, 1, Messages - 1);
        Assert.Equal(Enumerable.Range(0, texts.Count).Select(i => $"{i} {payload}"), texts);
        await Wait.ForConnectionsAsync(server.Get<LocalConnections>(), () => server.Get<IGroupBus>().CountLocalMembers("busy") == 2, "the stalled client left the room");
    }

    private static async Task ExpectInOrderAsync(WsClient client, string payload, int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            var text = await client.ReceiveTextAsync();
            if (text != $"{i} {payload}")
            {
                Assert.Fail($"Message {i} was '{text[..Math.Min(20, text.Length)]}…'.");
            }
        }
    }
}
