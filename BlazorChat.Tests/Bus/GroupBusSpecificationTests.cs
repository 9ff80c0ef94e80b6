using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Bus;

/// <summary>The bus's contract, run against every provider.</summary>
public abstract class GroupBusSpecificationTests(IChatProvider provider) : ProviderTests(provider)
{
    /// <summary>A bus of the provider under test, under this test's prefix.</summary>
    protected async Task<IGroupBus> CreateBusAsync() => (await StartCoreAsync()).Bus;

    private static MessageDraft Say(string text, string sender = "ada", string? key = null) => new(sender, text, Key: key);

    [ServerFact]
    public async Task GroupSendReachesEveryMemberWithIdSenderAndText()
    {
        var bus = await CreateBusAsync();
        var first = new TestMember("1");
        var second = new TestMember("2");
        await bus.GroupAddAsync("lobby", first);
        await bus.GroupAddAsync("lobby", second);

        var sent = await bus.GroupSendAsync("lobby", Say("hello"));

        foreach (var member in new[] { first, second })
        {
            var received = await member.ReceiveAsync();
            Assert.Equal(sent.Id, received.Id);
            Assert.Equal(("lobby", "ada", "hello", MessageKind.Message), (received.Group, received.Sender, received.Text, received.Kind));
        }
    }

    [ServerFact]
    public async Task ReadingBackPageByPageReachesTheStartOfWhatIsKeptInOrder()
    {
        var core = await StartCoreAsync();
        var sent = new List<ChatMessage>();
        for (int i = 0; i < 10; i++)
        {
            sent.Add(await core.Bus.GroupSendAsync("lobby", Say($"m{i}")));
        }

        var read = new List<ChatMessage>();
        Assert.True(MessageId.TryParse(sent[^1].Id, out var before));
        read.AddRange(await core.History.ReadBeforeAsync("lobby", before, 0));
        while (true)
        {
            var page = await core.History.ReadBeforeAsync("lobby", before, 3);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 3);
            read.InsertRange(0, page);
            Assert.True(MessageId.TryParse(page[0].Id, out before));
        }

        Assert.Equal(sent.SkipLast(1).Select(m => m.Text), read.Select(m => m.Text));
    }

    [ServerFact]
    public async Task AChangedMessageReadsChangedWhereverItIsReadFromAndADeletionIsFinal()
    {
        var core = await StartCoreAsync();
        var first = await core.Bus.GroupSendAsync("lobby", Say("helo"));
        var second = await core.Bus.GroupSendAsync("lobby", Say("oops"));
        var third = await core.Bus.GroupSendAsync("lobby", Say("after"));
        await core.Bus.GroupSendAsync("lobby", new MessageDraft("ada", "hello", MessageKind.Edit, Target: first.Id));
        await core.Bus.GroupSendAsync("lobby", new MessageDraft("ada", "", MessageKind.Delete, Target: second.Id));
        await core.Bus.GroupSendAsync("lobby", new MessageDraft("ada", "too late", MessageKind.Edit, Target: second.Id));

        // A page that ends before the changes were made still shows them.
        Assert.True(MessageId.TryParse(third.Id, out var beforeThird));
        var older = await core.History.ReadBeforeAsync("lobby", beforeThird, 10);
        Assert.Equal([("hello", MessageChange.Edited), ("", MessageChange.Deleted)], older.Select(m => (m.Text, m.Change)));
        Assert.True(MessageId.TryParse(first.Id, out var firstId));
        Assert.Equal("hello", (await core.History.FindAsync("lobby", firstId))!.Text);
        var recent = (await core.History.ReadAsync("lobby", null, 10)).Folded().Messages;
        Assert.Equal([("hello", MessageChange.Edited), ("", MessageChange.Deleted), ("after", MessageChange.None)], recent.Select(m => (m.Text, m.Change)));
    }

    [ServerFact]
    public async Task GroupAddTwiceDeliversOnce()
    {
        var bus = await CreateBusAsync();
        var member = new TestMember("1");
        await bus.GroupAddAsync("lobby", member);
        await bus.GroupAddAsync("lobby", member);

        await bus.GroupSendAsync("lobby", Say("once"));
        await bus.GroupSendAsync("lobby", Say("marker"));

        Assert.Equal(["once", "marker"], await member.ReceiveTextsAsync(2));
        Assert.Equal(1, bus.CountLocalMembers("lobby"));
    }

    [ServerFact]
    public async Task DiscardingANonMemberIsHarmless()
    {
        var bus = await CreateBusAsync();
        var member = new TestMember("1");
        await bus.GroupDiscardAsync("lobby", new TestMember("stranger"));
        await bus.GroupAddAsync("lobby", member);
        await bus.GroupDiscardAsync("lobby", new TestMember("stranger"));
        await bus.GroupDiscardAsync("elsewhere", member);

        await bus.GroupSendAsync("lobby", Say("still here"));

        Assert.Equal("still here", (await member.ReceiveAsync()).Text);
    }

    [ServerFact]
    public async Task ComingsAndGoingsAreDeliveredLiveButNeverKeptSoChurnLeavesWhatWasSaid()
    {
        var core = await StartCoreAsync(new Dictionary<string, string?> { ["History:Length"] = "50" });
        var member = new TestMember("watcher", withEvents: true);
        await core.Bus.GroupAddAsync("churn", member);
        for (int i = 0; i < 10; i++)
        {
            await core.Bus.GroupSendAsync("churn", Say($"said {i}"));
        }

        for (int i = 0; i < 150; i++)
        {
            await core.Bus.GroupSendAsync("churn", new MessageDraft($"guest{i}", $"guest{i} joined", MessageKind.Join));
            await core.Bus.GroupSendAsync("churn", new MessageDraft($"guest{i}", $"guest{i} left", MessageKind.Leave));
        }

        var delivered = new List<ChatMessage>();
        for (int i = 0; i < 310; i++)
        {
            delivered.Add(await member.ReceiveAsync());
        }

        Assert.All(delivered.Where(m => m.Kind is MessageKind.Join or MessageKind.Leave), m => Assert.Equal("", m.Id));
        var kept = await core.History.ReadAsync("churn", null, 50);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"said {i}"), kept.Messages.Select(m => m.Text));
    }

    [ServerFact]
    public async Task DiscardedMemberReceivesNothingMore()
    {
        var bus = await CreateBusAsync();
        var leaving = new TestMember("leaving");
        var staying = new TestMember("staying");
        await bus.GroupAddAsync("lobby", leaving);
        await bus.GroupAddAsync("lobby", staying);

        await bus.GroupDiscardAsync("lobby", leaving);
        await bus.GroupSendAsync("lobby", Say("after"));

        // One fan-out hands a message to every local member, so once the member that stayed
        // has it, the one that left would have it too.
        Assert.Equal("after", (await staying.ReceiveAsync()).Text);
        Assert.False(leaving.HasPending);
        Assert.Equal(1, bus.CountLocalMembers("lobby"));
    }

    [ServerFact]
    public async Task OtherGroupsAreUntouched()
    {
        var bus = await CreateBusAsync();
        var inLobby = new TestMember("lobby");
        var inKitchen = new TestMember("kitchen");
        await bus.GroupAddAsync("lobby", inLobby);
        await bus.GroupAddAsync("kitchen", inKitchen);

        await bus.GroupSendAsync("lobby", Say("for the lobby"));
        await bus.GroupSendAsync("kitchen", Say("for the kitchen"));

        Assert.Equal("for the lobby", (await inLobby.ReceiveAsync()).Text);
        Assert.Equal("for the kitchen", (await inKitchen.ReceiveAsync()).Text);
        Assert.False(inLobby.HasPending);
    }

    [ServerFact]
    public async Task FailingMemberDoesNotStopOtherMembers()
    {
        var bus = await CreateBusAsync();
        var healthy = new TestMember("healthy");
        await bus.GroupAddAsync("lobby", new ThrowingMember());
        await bus.GroupAddAsync("lobby", healthy);

        await bus.GroupSendAsync("lobby", Say("through"));

        Assert.Equal("through", (await healthy.ReceiveAsync()).Text);
    }

    [ServerFact]
    public async Task FullMemberIsClosedAsSlowConsumerWhileOthersKeepReceiving()
    {
        var bus = await CreateBusAsync();
        var stalled = new StalledMember(capacity: 3);
        var reader = new TestMember("reader");
        await bus.GroupAddAsync("lobby", stalled);
        await bus.GroupAddAsync("lobby", reader);

        for (int i = 0; i < 10; i++)
        {
            await bus.GroupSendAsync("lobby", Say($"m{i}"));
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}"), await reader.ReceiveTextsAsync(10));
        Assert.Equal(DisconnectReason.SlowConsumer, await stalled.Outbox.Closed.DefaultTimeout());
        // One message is stuck in its writer and three fill its queue; nothing was fed past the gap.
        Assert.Equal(3, stalled.Outbox.Count);
    }

    [ServerFact]
    public async Task EachSendersOrderIsKept()
    {
        var bus = await CreateBusAsync();
        var member = new TestMember("1");
        await bus.GroupAddAsync("lobby", member);

        await SendFromFourAsync(bus, "lobby", 250);

        await ExpectEachSendersOrderAsync(member.ReceiveAsync, 250);
    }

    [ServerFact]
    public async Task ALargeRoomWrittenFromSeveralThreadsGivesEveryMemberEachSendersOrder()
    {
        var bus = await CreateBusAsync();
        var members = Enumerable.Range(0, 100).Select(i => new QueuedMember($"m{i}")).ToList();
        foreach (var member in members)
        {
            await bus.GroupAddAsync("hall", member);
        }

        await SendFromFourAsync(bus, "hall", 100);

        foreach (var member in members)
        {
            await ExpectEachSendersOrderAsync(member.ReceiveAsync, 100);
            Assert.Equal(0, member.Outbox.Count);
        }
    }

    /// <summary>Four senders, s0 to s3, each sending "0", "1", … to <paramref name="group"/> at once.</summary>
    private static Task SendFromFourAsync(IGroupBus bus, string group, int each) =>
        Task.WhenAll(Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < each; i++)
            {
                await bus.GroupSendAsync(group, Say($"{i}", sender: $"s{s}"));
            }
        }))).DefaultTimeout();

    /// <summary>Receives what <see cref="SendFromFourAsync"/> sent: every sender's messages, each sender's in order.</summary>
    private static async Task ExpectEachSendersOrderAsync(Func<Task<ChatMessage>> receive, int each)
    {
        var next = new Dictionary<string, int>();
        for (int n = 0; n < 4 * each; n++)
        {
            var message = await receive();
            int expected = next.GetValueOrDefault(message.Sender);
            Assert.Equal(expected.ToString(), message.Text);
            next[message.Sender] = expected + 1;
        }

        Assert.All(next.Values, count => Assert.Equal(each, count));
    }

    [ServerFact]
    public async Task IdsAreUniqueAndIncreaseWithinAGroup()
    {
        var bus = await CreateBusAsync();
        var ids = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            ids.Add((await bus.GroupSendAsync("lobby", Say($"{i}"))).Id);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids, ids.Order(MessageIdComparer.Instance));
    }

    [ServerFact]
    public async Task InvalidGroupNamesNeverReachTheBus()
    {
        var bus = await CreateBusAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => bus.GroupAddAsync("no spaces", new TestMember("1")));
        await Assert.ThrowsAsync<ArgumentException>(() => bus.GroupSendAsync("*", Say("x")));
        Assert.Equal(0, bus.CountLocalGroups());
    }

    [ServerFact]
    public async Task LastMemberLeavingRemovesTheGroup()
    {
        var bus = await CreateBusAsync();
        var members = Enumerable.Range(0, 5).Select(i => new TestMember($"{i}")).ToList();
        foreach (var member in members)
        {
            await bus.GroupAddAsync("lobby", member);
        }

        Assert.Equal(5, bus.CountLocalMembers("lobby"));
        foreach (var member in members)
        {
            await bus.GroupDiscardAsync("lobby", member);
        }

        Assert.Equal(0, bus.CountLocalMembers("lobby"));
        Assert.Equal(0, bus.CountLocalGroups());
    }

    [ServerFact]
    public async Task ASendWithAKeyAlreadyUsedInTheRoomIsDeliveredAndKeptOnce()
    {
        var core = await StartCoreAsync();
        var member = new TestMember("1");
        await core.Bus.GroupAddAsync("lobby", member);

        // The first answer was lost on its way back, say, and the sender tries again.
        var first = await core.Bus.GroupSendAsync("lobby", Say("once", key: "k-1"));
        var again = await core.Bus.GroupSendAsync("lobby", Say("once", key: "k-1"));
        await core.Bus.GroupSendAsync("lobby", Say("marker"));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(["once", "marker"], await member.ReceiveTextsAsync(2));
        Assert.False(member.HasPending);
        var kept = await core.History.ReadAsync("lobby", null, 10);
        Assert.Equal(["once", "marker"], kept.Messages.Select(m => m.Text));
    }

    [ServerFact]
    public async Task TheSameKeyInAnotherRoomIsAnotherMessage()
    {
        var core = await StartCoreAsync();
        var inLobby = new TestMember("lobby");
        var inKitchen = new TestMember("kitchen");
        await core.Bus.GroupAddAsync("lobby", inLobby);
        await core.Bus.GroupAddAsync("kitchen", inKitchen);

        await core.Bus.GroupSendAsync("lobby", Say("hello", key: "shared"));
        await core.Bus.GroupSendAsync("kitchen", Say("hello", key: "shared"));

        Assert.Equal("hello", (await inLobby.ReceiveAsync()).Text);
        Assert.Equal("hello", (await inKitchen.ReceiveAsync()).Text);
    }

    [ServerFact]
    public async Task AfterTheTtlTheKeyCanBeUsedAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var core = await StartCoreAsync(
            new Dictionary<string, string?> { ["History:SendKeyTtlSeconds"] = "1" },
            services => services.AddSingleton<TimeProvider>(time));
        var member = new TestMember("1");
        await core.Bus.GroupAddAsync("lobby", member);

        var first = await core.Bus.GroupSendAsync("lobby", Say("first", key: "k"));
        await LetTheKeyExpireAsync(time, "lobby", "k", TimeSpan.FromSeconds(1));
        var second = await core.Bus.GroupSendAsync("lobby", Say("second", key: "k"));

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(["first", "second"], await member.ReceiveTextsAsync(2));
    }

    [ServerFact]
    public async Task AKeyThatBreaksTheRuleNeverReachesTheBus()
    {
        var bus = await CreateBusAsync();
        foreach (var bad in new[] { "", new string('k', 65), "tab\there", "café" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => bus.GroupSendAsync("lobby", Say("x", key: bad)));
        }
    }

    /// <summary>
    /// Lets <paramref name="ttl"/> pass for the key <paramref name="key"/> of <paramref name="group"/>:
    /// on the fake clock <paramref name="time"/> where the bus keeps time itself, or on Redis's own.
    /// </summary>
    protected abstract Task LetTheKeyExpireAsync(FakeTimeProvider time, string group, string key, TimeSpan ttl);
}

/// <summary>Orders ids of either provider: a decimal sequence, or Redis stream ids (<c>ms-seq</c>).</summary>
internal sealed class MessageIdComparer : IComparer<string>
{
    public static readonly MessageIdComparer Instance = new();

    public int Compare(string? x, string? y) => Parse(x!).CompareTo(Parse(y!));

    private static (long, long) Parse(string id)
    {
        var parts = id.Split('-');
        return (long.Parse(parts[0]), parts.Length > 1 ? long.Parse(parts[1]) : 0);
    }
}
