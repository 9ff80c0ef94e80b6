using System.Diagnostics;
using BlazorChat.Bus;
using BlazorChat.Bus.Redis;
using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace BlazorChat.Tests.Bus;

/// <summary>
/// A room's subscription misses a message, made to happen on purpose: the test appends an entry to
/// the room's stream itself, as the send script does, without publishing it, which is what a
/// subscriber sees of a send made while its subscription was following a slot or being renewed.
/// Or it publishes an entry a second time, as a renewed subscription may bring it again.
/// </summary>
[Requires(RedisServer.Executable)]
public sealed class RedisMissedDeliveryTests(RedisProvider redis, ITestOutputHelper output)
    : ProviderTests(redis), IClassFixture<RedisProvider>
{
    private const string Room = "gappy";

    [ServerFact]
    public async Task AMissedMessageIsDeliveredBeforeTheMessageThatRevealsIt()
    {
        var (bus, member) = await JoinedReaderAsync();
        await using var probe = await redis.ConnectProbeAsync();
        await bus.GroupSendAsync(Room, new MessageDraft("ada", "before"));
        Assert.Equal("before", (await member.ReceiveAsync()).Text);

        string missed = await AppendUnpublishedAsync(probe, "missed");
        var after = await bus.GroupSendAsync(Room, new MessageDraft("ada", "after"));

        var first = await member.ReceiveAsync();
        Assert.Equal(("missed", missed), (first.Text, first.Id));
        var second = await member.ReceiveAsync();
        Assert.Equal(("after", after.Id), (second.Text, second.Id));
        await bus.GroupSendAsync(Room, new MessageDraft("ada", "last"));
        Assert.Equal("last", (await member.ReceiveAsync()).Text);
    }

    [ServerFact]
    public async Task AMissAtTheEndOfAQuietRoomIsDeliveredWithinTwoChecks()
    {
        var (bus, member) = await JoinedReaderAsync();
        await using var probe = await redis.ConnectProbeAsync();
        await bus.GroupSendAsync(Room, new MessageDraft("ada", "before"));
        Assert.Equal("before", (await member.ReceiveAsync()).Text);

        var clock = Stopwatch.StartNew();
        string missed = await AppendUnpublishedAsync(probe, "missed, and nothing after it");

        var late = await member.ReceiveAsync();
        output.WriteLine($"the missed message arrived {clock.ElapsedMilliseconds} ms after the room took it");
        Assert.Equal(missed, late.Id);
        Assert.True(clock.Elapsed < 2 * RedisSubscriptions.CheckInterval + TimeSpan.FromSeconds(1), $"it took {clock.Elapsed}");
        Assert.False(member.HasPending);
    }

    [ServerFact]
    public async Task AMessageThatArrivesAgainIsDeliveredOnce()
    {
        var (bus, member) = await JoinedReaderAsync();
        await using var probe = await redis.ConnectProbeAsync();
        var twice = await bus.GroupSendAsync(Room, new MessageDraft("ada", "once"));
        Assert.Equal("once", (await member.ReceiveAsync()).Text);

        var entry = Assert.Single(await probe.GetDatabase().StreamRangeAsync(RedisProbes.Keys(Prefix).HistoryStream(Room)));
        byte[] again = [.. "\n"u8, .. System.Text.Encoding.ASCII.GetBytes(twice.Id), .. "\n"u8, .. (byte[])entry[RedisPayload.Field]!];
        Assert.Equal(1, await probe.GetSubscriber().PublishAsync(RedisProbes.Keys(Prefix).GroupChannel(Room), again));
        await bus.GroupSendAsync(Room, new MessageDraft("ada", "next"));

        Assert.Equal("next", (await member.ReceiveAsync()).Text);
    }

    [ServerFact]
    public async Task TypingAndEditsKeepTheirPlaceAndComeOnce()
    {
        var bus = (await StartCoreAsync()).Bus;
        var member = new TestMember("reader", withEvents: true);
        await bus.GroupAddAsync(Room, member);

        var one = await bus.GroupSendAsync(Room, new MessageDraft("ada", "one"));
        await bus.GroupSendAsync(Room, new MessageDraft("bob", "", MessageKind.Typing));
        var edited = await bus.GroupSendAsync(Room, new MessageDraft("ada", "one, edited", MessageKind.Edit, Target: one.Id));
        await bus.GroupSendAsync(Room, new MessageDraft("ada", "two"));

        var received = new List<ChatMessage>();
        for (int i = 0; i < 4; i++)
        {
            received.Add(await member.ReceiveAsync());
        }

        Assert.Equal([MessageKind.Message, MessageKind.Typing, MessageKind.Edit, MessageKind.Message], received.Select(m => m.Kind));
        Assert.Equal(edited.Id, received[2].Id);
        Assert.False(member.HasPending);
    }

    /// <summary>A bus on Redis with one member in the room.</summary>
    private async Task<(IGroupBus Bus, TestMember Member)> JoinedReaderAsync()
    {
        var bus = (await StartCoreAsync()).Bus;
        var member = new TestMember("reader");
        await bus.GroupAddAsync(Room, member);
        return (bus, member);
    }

    /// <summary>Appends a message to the room's stream as the send script does, without publishing it: a send the subscription missed.</summary>
    private async Task<string> AppendUnpublishedAsync(ConnectionMultiplexer probe, string text)
    {
        var payload = new RedisPayload("ada", text, DateTimeOffset.UtcNow, MessageKind.Message).ToUtf8Json();
        return (await probe.GetDatabase().StreamAddAsync(RedisProbes.Keys(Prefix).HistoryStream(Room), RedisPayload.Field, payload))!;
    }
}
