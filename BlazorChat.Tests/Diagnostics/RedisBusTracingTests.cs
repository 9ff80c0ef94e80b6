using System.Diagnostics;
using System.Text.Json;
using BlazorChat.Bus;
using BlazorChat.Bus.Redis;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using BlazorChat.Tests.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using StackExchange.Redis;

namespace BlazorChat.Tests.Diagnostics;

/// <summary>What only Redis does with traces: the send's context crosses Redis to each instance's fan-out, in the payload, and only while traced.</summary>
[Collection(ListensToTracesCollection.Name)]
[Requires(RedisServer.Executable)]
public sealed class RedisBusTracingTests(RedisProvider redis) : BusTracingTests(redis, "redis"), IClassFixture<RedisProvider>
{
    [ServerFact]
    public async Task EachInstanceWithMembersFansOutInTheSendersTrace()
    {
        using var spans = new SpanRecorder();
        var sender = (await StartCoreAsync()).Bus;
        var first = (await StartCoreAsync()).Bus;
        var second = (await StartCoreAsync()).Bus;
        var onFirst = new TestMember("a");
        var onSecond = new[] { new TestMember("b"), new TestMember("c") };
        await first.GroupAddAsync("across", onFirst);
        foreach (var member in onSecond)
        {
            await second.GroupAddAsync("across", member);
        }

        // The sender's instance has no member in the room: both fan-outs are on other instances.
        var sent = await sender.GroupSendAsync("across", new MessageDraft("ada", "hello"));
        foreach (var member in onSecond.Prepend(onFirst))
        {
            Assert.Equal(sent.Id, (await member.ReceiveAsync()).Id);
        }

        var send = Assert.Single(await spans.WaitForAsync(s => IsSend(s, "across"), 1, "the send ended"));
        var deliveries = await spans.WaitForAsync(s => IsDelivery(s, "across"), 2, "both instances' fan-outs ended");
        Assert.Equal(2, deliveries.Length);
        Assert.All(deliveries, delivery =>
        {
            Assert.Equal(send.TraceId, delivery.TraceId);
            Assert.Equal(send.SpanId, delivery.ParentSpanId);
            Assert.True(delivery.HasRemoteParent);
            Assert.Equal(sent.Id, delivery.GetTagItem(ChatTracing.Tags.MessageId));
        });
        Assert.Equal([1, 2], deliveries.Select(d => (int)d.GetTagItem(ChatTracing.Tags.Delivered)!).Order());
    }

    [ServerFact]
    public async Task ThePayloadCarriesTheSendersContextOnlyWhileTheSendIsTraced()
    {
        var bus = (await StartCoreAsync()).Bus;
        await using var probe = await redis.ConnectProbeAsync();
        var keys = RedisProbes.Keys(Prefix);
        var channel = await probe.GetSubscriber().SubscribeAsync(keys.GroupChannel("payload"));

        Assert.False(ChatTracing.Source.HasListeners());
        await bus.GroupSendAsync("payload", new MessageDraft("ada", "untraced"));
        var untraced = await ReadPayloadAsync(channel);
        Assert.Equal("untraced", untraced.GetProperty("text").GetString());
        Assert.False(untraced.TryGetProperty("trace", out _));

        Activity send;
        using (var spans = new SpanRecorder())
        {
            await bus.GroupSendAsync("payload", new MessageDraft("ada", "traced"));
            send = Assert.Single(await spans.WaitForAsync(s => IsSend(s, "payload"), 1, "the send ended"));
        }

        var traced = await ReadPayloadAsync(channel);
        Assert.Equal("traced", traced.GetProperty("text").GetString());
        // W3C traceparent: version, trace id, span id, flags (sampled, and on .NET 10 the random trace id flag).
        Assert.StartsWith($"00-{send.TraceId}-{send.SpanId}-", traced.GetProperty("trace").GetProperty("traceparent").GetString());

        // The stream keeps the payload as it was published: the untraced one has no trace either.
        var kept = await probe.GetDatabase().StreamRangeAsync(keys.HistoryStream("payload"));
        Assert.Equal(2, kept.Length);
        Assert.DoesNotContain("\"trace\"", (string?)kept[0][RedisPayload.Field]);
        Assert.Contains("\"trace\"", (string?)kept[1][RedisPayload.Field]);
    }

    [ServerFact]
    public async Task AMalformedTraceContextIsDeliveredWithoutASpan()
    {
        using var spans = new SpanRecorder();
        var bus = (await StartCoreAsync()).Bus;
        var member = new TestMember("a");
        await bus.GroupAddAsync("garbled", member);
        await using var probe = await redis.ConnectProbeAsync();
        var garbled = new RedisPayload("ada", "garbled", DateTimeOffset.UtcNow, MessageKind.Message)
        {
            Trace = new() { ["traceparent"] = "00-not-a-trace-01" },
        };

        await probe.GetSubscriber().PublishAsync(RedisProbes.Keys(Prefix).GroupChannel("garbled"), garbled.ToPublishedLiveOnly());
        Assert.Equal("garbled", (await member.ReceiveAsync()).Text);
        // Redis delivers in order: once the next message's fan-out has ended, the garbled one's would have too.
        var marker = await bus.GroupSendAsync("garbled", new MessageDraft("ada", "marker"));
        Assert.Equal("marker", (await member.ReceiveAsync()).Text);

        var delivery = Assert.Single(await spans.WaitForAsync(s => IsDelivery(s, "garbled"), 1, "the marker's fan-out ended"));
        Assert.Equal(marker.Id, delivery.GetTagItem(ChatTracing.Tags.MessageId));
        Assert.Single(spans.Spans, s => IsDelivery(s, "garbled"));
    }

    [ServerFact]
    public async Task ASendTheBusCannotTakeEndsAsAFailedSpan()
    {
        using var spans = new SpanRecorder();
        // Nothing listens on the port: the multiplexer never connects, and the send is refused.
        await using var core = ChatCore.Start(TestServices.OnRedis($"127.0.0.1:{FreePorts.Next()},connectTimeout=500", Prefix));

        await Assert.ThrowsAsync<BusUnavailableException>(() => core.Bus.GroupSendAsync("down", new MessageDraft("ada", "lost")).DefaultTimeout());

        var send = Assert.Single(await spans.WaitForAsync(s => IsSend(s, "down"), 1, "the send ended"));
        Assert.Equal("failed", send.GetTagItem(ChatTracing.Tags.Outcome));
        Assert.Equal(ActivityStatusCode.Error, send.Status);
    }

    private static async Task<JsonElement> ReadPayloadAsync(ChannelMessageQueue channel)
    {
        // The channel's framing: the previous entry's id, the message's id, then the JSON.
        var published = (byte[])(await channel.ReadAsync().AsTask().DefaultTimeout()).Message!;
        int newline = Array.IndexOf(published, (byte)'\n', Array.IndexOf(published, (byte)'\n') + 1);
        return JsonDocument.Parse(published.AsMemory(newline + 1)).RootElement.Clone();
    }
}
