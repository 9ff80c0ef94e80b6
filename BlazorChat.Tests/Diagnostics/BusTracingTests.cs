using System.Diagnostics;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;
using BlazorChat.Tests.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Diagnostics;

/// <summary>The spans of a send and of its fan-out, on every bus, read through OpenTelemetry's in-memory exporter.</summary>
public abstract class BusTracingTests(IChatProvider provider, string bus) : ProviderTests(provider)
{
    protected static bool IsSend(Activity span, string room) => span.OperationName == ChatTracing.SendName && Room(span) == room;

    protected static bool IsDelivery(Activity span, string room) => span.OperationName == ChatTracing.DeliverName && Room(span) == room;

    private static string? Room(Activity span) => span.GetTagItem(ChatTracing.Tags.Room) as string;

    [ServerFact]
    public async Task ASendIsAProducerSpanAndItsFanOutAConsumerSpanUnderIt()
    {
        using var spans = new SpanRecorder();
        var core = await StartCoreAsync();
        var members = new[] { new TestMember("a"), new TestMember("b") };
        foreach (var member in members)
        {
            await core.Bus.GroupAddAsync("traced", member);
        }

        var sent = await core.Bus.GroupSendAsync("traced", new MessageDraft("ada", "words that stay out of traces"));
        foreach (var member in members)
        {
            await member.ReceiveAsync();
        }

        var send = Assert.Single(await spans.WaitForAsync(s => IsSend(s, "traced"), 1, "the send ended"));
        var delivery = Assert.Single(await spans.WaitForAsync(s => IsDelivery(s, "traced"), 1, "the fan-out ended"));

        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.Equal(default, send.ParentSpanId);
        Assert.Equal("sent", send.GetTagItem(ChatTracing.Tags.Outcome));
        Assert.Equal(sent.Id, send.GetTagItem(ChatTracing.Tags.MessageId));
        Assert.Equal("message", send.GetTagItem(ChatTracing.Tags.Kind));
        Assert.Equal(bus, send.GetTagItem(ChatTracing.Tags.Bus));

        Assert.Equal(ActivityKind.Consumer, delivery.Kind);
        Assert.Equal(send.TraceId, delivery.TraceId);
        Assert.Equal(send.SpanId, delivery.ParentSpanId);
        Assert.Equal(sent.Id, delivery.GetTagItem(ChatTracing.Tags.MessageId));
        Assert.Equal(2, delivery.GetTagItem(ChatTracing.Tags.Delivered));
        Assert.Equal(0, delivery.GetTagItem(ChatTracing.Tags.Refused));

        // Who said what is the room's business, not the trace's.
        var values = new[] { send, delivery }.SelectMany(s => s.TagObjects).Select(tag => tag.Value?.ToString()).ToList();
        Assert.DoesNotContain("words that stay out of traces", values);
        Assert.DoesNotContain("ada", values);
    }

    [ServerFact]
    public async Task ASendStartsATraceOfItsOwnLinkedToTheActivityCurrentAtTheSend()
    {
        using var spans = new SpanRecorder();
        var bus = (await StartCoreAsync()).Bus;
        var member = new TestMember("a");
        await bus.GroupAddAsync("linked", member);
        // What a socket's request would be: current for the hours the socket is open.
        using var request = new Activity("request").Start();

        await bus.GroupSendAsync("linked", new MessageDraft("ada", "hello"));
        await member.ReceiveAsync();

        Assert.Same(request, Activity.Current);
        var send = Assert.Single(await spans.WaitForAsync(s => IsSend(s, "linked"), 1, "the send ended"));
        Assert.NotEqual(request.TraceId, send.TraceId);
        Assert.Equal(default, send.ParentSpanId);
        var link = Assert.Single(send.Links);
        Assert.Equal((request.TraceId, request.SpanId), (link.Context.TraceId, link.Context.SpanId));
    }

    [ServerFact]
    public async Task ALiveOnlyMessageIsTracedWithItsKindAndNoId()
    {
        using var spans = new SpanRecorder();
        var bus = (await StartCoreAsync()).Bus;
        var member = new TestMember("a", withEvents: true);
        await bus.GroupAddAsync("typing", member);

        await bus.GroupSendAsync("typing", new MessageDraft("ada", "", MessageKind.Typing));
        await member.ReceiveAsync();

        var send = Assert.Single(await spans.WaitForAsync(s => IsSend(s, "typing"), 1, "the send ended"));
        var delivery = Assert.Single(await spans.WaitForAsync(s => IsDelivery(s, "typing"), 1, "the fan-out ended"));
        Assert.Equal("typing", send.GetTagItem(ChatTracing.Tags.Kind));
        Assert.Null(send.GetTagItem(ChatTracing.Tags.MessageId));
        Assert.Equal(send.SpanId, delivery.ParentSpanId);
    }
}

[Collection(ListensToTracesCollection.Name)]
public sealed class MemoryBusTracingTests(MemoryProvider provider) : BusTracingTests(provider, "memory"), IClassFixture<MemoryProvider>;
