using System.Net;
using System.Text.Json;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Tests.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.WebSockets;

/// <summary>?format=json: envelopes, JSON input, join and leave events, and recovery with since.</summary>
public abstract class JsonProtocolTests(IChatProvider provider) : ProviderTests(provider)
{
    private const string Room = "json_room";

    private static Uri Json(ChatServer server, string query = "") =>
        server.WebSocketUri($"ws/{Room}/?format=json{query}");

    [ServerFact]
    public async Task TheWelcomeIsASystemEnvelopeAndMessagesAreFullEnvelopes()
    {
        await using var server = await StartServerAsync();
        await using var client = await WsClient.ConnectAsync(Json(server, "&name=ada"));

        var welcome = JsonDocument.Parse(client.Welcome).RootElement;
        Assert.Equal("system", welcome.GetProperty("kind").GetString());
        Assert.Equal(Room, welcome.GetProperty("group").GetString());
        Assert.Contains("ada", welcome.GetProperty("text").GetString());
        foreach (var field in new[] { "id", "sender", "ts" })
        {
            Assert.True(welcome.TryGetProperty(field, out _), $"welcome has {field}");
        }

        await client.SendTextAsync("plain text works in JSON mode too");
        var message = await client.ReceiveJsonAsync("message");
        Assert.Equal("plain text works in JSON mode too", message.GetProperty("text").GetString());
        Assert.Equal("ada", message.GetProperty("sender").GetString());
        Assert.Equal(Room, message.GetProperty("group").GetString());
        Assert.True(MessageId.TryParse(message.GetProperty("id").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(message.GetProperty("ts").GetString(), out _));
    }

    [ServerFact]
    public async Task AJsonObjectWithTextIsSentAsThatTextToEveryone()
    {
        await using var server = await StartServerAsync();
        await using var json = await WsClient.ConnectAsync(Json(server));
        await using var plain = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{Room}/"));

        await json.SendTextAsync("""{"text": "hello {braces} & \"quotes\""}""");

        Assert.Equal("hello {braces} & \"quotes\"", (await json.ReceiveJsonAsync("message")).GetProperty("text").GetString());
        Assert.Equal("hello {braces} & \"quotes\"", await plain.ReceiveTextAsync());
    }

    [ServerFact]
    public async Task TheSameTextAndKeySentTwiceReachesTheRoomOnce()
    {
        await using var server = await StartServerAsync();
        await using var json = await WsClient.ConnectAsync(Json(server, "&name=retrier"));
        await using var plain = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{Room}/"));

        // A client whose answer was lost sends again with the same key.
        await json.SendTextAsync("""{"text": "just once", "key": "retry-7f3a"}""");
        await json.SendTextAsync("""{"text": "just once", "key": "retry-7f3a"}""");
        await json.SendTextAsync("""{"text": "then this"}""");

        Assert.Equal(["just once", "then this"], await plain.ReceiveTextsAsync(2));
        Assert.Equal("just once", (await json.ReceiveJsonAsync("message")).GetProperty("text").GetString());
        Assert.Equal("then this", (await json.ReceiveJsonAsync("message")).GetProperty("text").GetString());
    }

    [ServerFact]
    public async Task AKeyThatIsNotOneTo64PrintableAsciiCharactersIsRefusedWithAReason()
    {
        await using var server = await StartServerAsync();
        await using var client = await WsClient.ConnectAsync(Json(server));

        foreach (var bad in new[] { "\"\"", $"\"{new string('k', 65)}\"", "\"caf\u00e9\"", "\"new\\nline\"", "42" })
        {
            await client.SendTextAsync($$"""{"text": "not sent", "key": {{bad}}}""");
            var error = (await client.ReceiveJsonAsync("system")).GetProperty("text").GetString();
            Assert.StartsWith("[error] not sent", error);
        }

        await client.SendTextAsync("""{"text": "still here", "key": "ok"}""");
        Assert.Equal("still here", (await client.ReceiveJsonAsync("message")).GetProperty("text").GetString());
    }

    [ServerFact]
    public async Task MarkupReachesJsonClientsLiveAndFromHistoryInFramesAboutItsOwnSize()
    {
        await using var server = await StartServerAsync();
        await using var sender = await WsClient.ConnectAsync(Json(server, "&name=sender"));
        await sender.SendTextAsync("before");
        var before = (await sender.ReceiveJsonAsync("message")).GetProperty("id").GetString();
        var markup = string.Concat(Enumerable.Repeat("<>&", 1366))[..4096];

        await sender.SendTextAsync(markup);
        var live = await NextMessageFrameAsync(sender);
        await using var recovering = await WsClient.ConnectAsync(Json(server, $"&since={before}"));
        var recovered = await NextMessageFrameAsync(recovering);

        // The default encoder writes each of < > & as a six-byte \u escape: a 24 KB frame for 4 KB said.
        foreach (var frame in new[] { live, recovered })
        {
            int bytes = System.Text.Encoding.UTF8.GetByteCount(frame);
            Assert.True(bytes < markup.Length + 300, $"{markup.Length} bytes of text came as a {bytes}-byte frame.");
            Assert.Equal(markup, JsonDocument.Parse(frame).RootElement.GetProperty("text").GetString());
        }
    }

    /// <summary>The next frame that is a message envelope, as it came over the wire.</summary>
    private static async Task<string> NextMessageFrameAsync(WsClient client)
    {
        while (true)
        {
            var frame = await client.ReceiveTextAsync();
            if (JsonDocument.Parse(frame).RootElement.GetProperty("kind").GetString() == "message")
            {
                return frame;
            }
        }
    }

    [ServerFact]
    public async Task MalformedJsonGetsASystemEnvelopeAndTheConnectionStaysOpen()
    {
        await using var server = await StartServerAsync();
        await using var client = await WsClient.ConnectAsync(Json(server));
        var deep = new string('[', 64) + new string(']', 64);

        foreach (var bad in new[] { "{\"text\": ", "{\"txet\": \"typo\"}", "{\"text\": 42}", "{\"text\": " + deep + "}" })
        {
            await client.SendTextAsync(bad);
            var error = await client.ReceiveJsonAsync("system");
            Assert.StartsWith("[error] not sent", error.GetProperty("text").GetString());
        }

        await client.SendTextAsync("""{"text": "still here"}""");
        Assert.Equal("still here", (await client.ReceiveJsonAsync("message")).GetProperty("text").GetString());
    }

    [ServerFact]
    public async Task JoinAndLeaveEventsGoToJsonClientsButNotToPlainOnes()
    {
        await using var server = await StartServerAsync();
        await using var watcher = await WsClient.ConnectAsync(Json(server, "&name=watcher"));
        await using var plain = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{Room}/?name=plain"));
        var visitor = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{Room}/?name=visitor"));

        // Each connection announces itself; their order between connections is not fixed.
        var joined = new HashSet<string>();
        while (joined.Count < 3)
        {
            var join = await watcher.ReceiveJsonAsync("join");
            Assert.Equal($"{join.GetProperty("sender").GetString()} joined", join.GetProperty("text").GetString());
            joined.Add(join.GetProperty("sender").GetString()!);
        }

        Assert.Equal(["plain", "visitor", "watcher"], joined.Order());
        await visitor.SendTextAsync("/close");
        await visitor.ReceiveCloseAsync();
        await visitor.DisposeAsync();
        var left = await watcher.ReceiveJsonAsync("leave");
        Assert.Equal("visitor left", left.GetProperty("text").GetString());

        // The plain client saw none of it: its next frame is the next thing said.
        await watcher.SendTextAsync("said after");
        Assert.Equal("said after", await plain.ReceiveTextAsync());
    }

    [ServerFact]
    public async Task TypingReachesJsonClientsOncePerIntervalLiveOnlyAndNeverPlainOnes()
    {
        await using var server = await StartServerAsync();
        await using var watcher = await WsClient.ConnectAsync(Json(server, "&name=watcher"));
        await using var plain = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{Room}/?name=plain"));
        await using var writer = await WsClient.ConnectAsync(Json(server, "&name=writer"));

        // A key press each: the first goes to the room, the rest within the interval are dropped.
        for (int i = 0; i < 10; i++)
        {
            await writer.SendTextAsync("""{"typing": true}""");
        }

        await writer.SendTextAsync("done typing");
        var seen = new List<JsonElement>();
        while (seen.Count == 0 || seen[^1].GetProperty("kind").GetString() != "message")
        {
            var envelope = await watcher.ReceiveJsonAsync();
            if (envelope.GetProperty("sender").GetString() == "writer" && envelope.GetProperty("kind").GetString() != "join")
            {
                seen.Add(envelope);
            }
        }

        var typing = Assert.Single(seen, e => e.GetProperty("kind").GetString() == "typing");
        Assert.Equal("", typing.GetProperty("id").GetString());
        Assert.Equal("done typing", seen[^1].GetProperty("text").GetString());
        Assert.Equal("done typing", await plain.ReceiveTextAsync());

        using var http = server.CreateHttpClient();
        var kept = JsonDocument.Parse(await http.GetStringAsync($"api/rooms/{Room}/messages")).RootElement.GetProperty("messages");
        Assert.DoesNotContain(kept.EnumerateArray(), m => m.GetProperty("kind").GetString() == "typing");
    }

    [ServerFact]
    public async Task ASenderEditsAndDeletesItsOwnMessageLiveForJsonClientsAndHistoryShowsTheResult()
    {
        await using var server = await StartServerAsync();
        await using var watcher = await WsClient.ConnectAsync(Json(server, "&name=watcher"));
        await using var plain = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{Room}/?name=plain"));
        await using var writer = await WsClient.ConnectAsync(Json(server, "&name=writer"));

        await writer.SendTextAsync("before");
        string before = (await writer.ReceiveJsonAsync("message")).GetProperty("id").GetString()!;
        await writer.SendTextAsync("helo");
        string id = (await writer.ReceiveJsonAsync("message")).GetProperty("id").GetString()!;
        await writer.SendTextAsync("kept as it is");
        string other = (await writer.ReceiveJsonAsync("message")).GetProperty("id").GetString()!;
        await writer.SendTextAsync($$"""{"edit": "{{id}}", "text": "hello"}""");
        var edit = await watcher.ReceiveJsonAsync("edit");
        Assert.Equal((id, "hello", "writer"), (edit.GetProperty("target").GetString(), edit.GetProperty("text").GetString(), edit.GetProperty("sender").GetString()));
        Assert.True(MessageId.TryParse(edit.GetProperty("id").GetString(), out _), "an edit is kept, with an id of its own");

        await writer.SendTextAsync($$"""{"delete": "{{other}}"}""");
        Assert.Equal(other, (await watcher.ReceiveJsonAsync("delete")).GetProperty("target").GetString());

        // History folds each change into its message; the API shows the result.
        using var http = server.CreateHttpClient();
        var kept = JsonDocument.Parse(await http.GetStringAsync($"api/rooms/{Room}/messages")).RootElement.GetProperty("messages").EnumerateArray().ToList();
        var edited = Assert.Single(kept, m => m.GetProperty("id").GetString() == id);
        Assert.Equal(("hello", true), (edited.GetProperty("text").GetString(), edited.GetProperty("edited").GetBoolean()));
        var deleted = Assert.Single(kept, m => m.GetProperty("id").GetString() == other);
        Assert.Equal(("", true), (deleted.GetProperty("text").GetString(), deleted.GetProperty("deleted").GetBoolean()));
        Assert.DoesNotContain(kept, m => m.GetProperty("kind").GetString() is "edit" or "delete");

        // A client recovering from before the message gets it as it now stands; from after it, the edit to apply.
        await using var fromBefore = await WsClient.ConnectAsync(Json(server, $"&since={before}"));
        await using var fromAfter = await WsClient.ConnectAsync(Json(server, $"&since={other}"));
        Assert.Equal("hello", (await ReceiveUntilIdAsync(fromBefore, id)).GetProperty("text").GetString());
        Assert.Equal(id, (await fromAfter.ReceiveJsonAsync("edit")).GetProperty("target").GetString());

        // Plain clients saw the two messages and none of the changes.
        Assert.Equal(["before", "helo", "kept as it is"], await plain.ReceiveTextsAsync(3));
        await writer.SendTextAsync("after the changes");
        Assert.Equal("after the changes", await plain.ReceiveTextAsync());
    }

    [ServerFact]
    public async Task NobodyChangesAnotherMembersMessageNorOneTheRoomDoesNotKeep()
    {
        await using var server = await StartServerAsync();
        await using var ada = await WsClient.ConnectAsync(Json(server, "&name=ada"));
        await using var mallory = await WsClient.ConnectAsync(Json(server, "&name=mallory"));
        await ada.SendTextAsync("mine");
        string id = (await ada.ReceiveJsonAsync("message")).GetProperty("id").GetString()!;

        await mallory.SendTextAsync($$"""{"edit": "{{id}}", "text": "yours now"}""");
        Assert.Contains("only its sender", (await mallory.ReceiveJsonAsync("system")).GetProperty("text").GetString());
        await mallory.SendTextAsync($$"""{"delete": "{{FutureId}}"}""");
        Assert.Contains("no message", (await mallory.ReceiveJsonAsync("system")).GetProperty("text").GetString());
        await mallory.SendTextAsync("""{"delete": "not-an-id"}""");
        Assert.Contains("not a message id", (await mallory.ReceiveJsonAsync("system")).GetProperty("text").GetString());

        // Even under the same name, another connection is another guest.
        await using var impostor = await WsClient.ConnectAsync(Json(server, "&name=ada"));
        await impostor.SendTextAsync($$"""{"delete": "{{id}}"}""");
        Assert.Contains("only its sender", (await impostor.ReceiveJsonAsync("system")).GetProperty("text").GetString());

        using var http = server.CreateHttpClient();
        var kept = JsonDocument.Parse(await http.GetStringAsync($"api/rooms/{Room}/messages")).RootElement.GetProperty("messages");
        Assert.Equal("mine", Assert.Single(kept.EnumerateArray(), m => m.GetProperty("id").GetString() == id).GetProperty("text").GetString());
    }

    private static async Task<JsonElement> ReceiveUntilIdAsync(WsClient client, string id)
    {
        while (true)
        {
            var envelope = await client.ReceiveJsonAsync();
            if (envelope.GetProperty("id").GetString() == id)
            {
                return envelope;
            }
        }
    }

    [ServerFact]
    public async Task AClientThatLostItsConnectionRecoversEveryMessageAfterItsLastIdThenLiveOnes()
    {
        await using var server = await StartServerAsync();
        await using var talker = await WsClient.ConnectAsync(server.WebSocketUri($"ws/{Room}/?name=talker"));
        var listener = await WsClient.ConnectAsync(Json(server, "&name=listener"));
        for (int i = 0; i < 5; i++)
        {
            await talker.SendTextAsync($"m{i}");
        }

        string lastSeen = "";
        for (int i = 0; i < 5; i++)
        {
            lastSeen = (await listener.ReceiveJsonAsync("message")).GetProperty("id").GetString()!;
        }

        listener.Socket.Abort();
        await listener.DisposeAsync();
        for (int i = 5; i < 10; i++)
        {
            await talker.SendTextAsync($"m{i}");
        }

        await using var back = await WsClient.ConnectAsync(Json(server, $"&name=listener&since={lastSeen}"));
        Assert.True(JsonDocument.Parse(back.Welcome).RootElement.GetProperty("recovered").GetBoolean());
        await talker.SendTextAsync("m10");

        var texts = new List<string>();
        while (texts.Count < 6)
        {
            texts.Add((await back.ReceiveJsonAsync("message")).GetProperty("text").GetString()!);
        }

        Assert.Equal(["m5", "m6", "m7", "m8", "m9", "m10"], texts);
    }

    [ServerFact]
    public async Task ASinceOlderThanWhatIsKeptSaysSoAndWhatIsKeptFollows()
    {
        await using var server = await StartServerAsync(new Dictionary<string, string?> { ["History:Length"] = "10" });
        var bus = server.Get<IGroupBus>();
        var ids = await SayOldAsync(bus, 300);

        await using var client = await WsClient.ConnectAsync(Json(server, $"&since={ids[0]}"));
        Assert.False(JsonDocument.Parse(client.Welcome).RootElement.GetProperty("recovered").GetBoolean());
        var notice = await client.ReceiveJsonAsync();
        Assert.Equal("system", notice.GetProperty("kind").GetString());
        Assert.False(notice.GetProperty("recovered").GetBoolean());

        // What is kept follows, in order, up to the newest.
        var kept = new List<string>();
        while (kept.Count == 0 || kept[^1] != ids[^1])
        {
            kept.Add((await client.ReceiveJsonAsync("message")).GetProperty("id").GetString()!);
        }

        Assert.True(kept.Count >= 10);
        Assert.Equal(ids[^kept.Count..], kept);
    }

    [ServerFact]
    public async Task ARecoveryOfMoreThanTheOutboxHoldsCarriesTheNewestThatFitThenLiveOnesAndSaysSo()
    {
        const int queue = 16;
        await using var server = await StartServerAsync(new Dictionary<string, string?> { ["Bus:OutboundQueueLength"] = $"{queue}" });
        var bus = server.Get<IGroupBus>();
        var ids = await SayOldAsync(bus, 100);

        await using var client = await WsClient.ConnectAsync(Json(server, $"&since={ids[0]}"));
        Assert.False(JsonDocument.Parse(client.Welcome).RootElement.GetProperty("recovered").GetBoolean());
        var notice = await client.ReceiveJsonAsync();
        Assert.Equal(("system", false), (notice.GetProperty("kind").GetString(), notice.GetProperty("recovered").GetBoolean()));
        await bus.GroupSendAsync(Room, new MessageDraft("new", "live"));

        // Within the outbox's bound, and with no gap from there on: the newest that fit, then the live ones.
        var recovered = new List<string>();
        while (true)
        {
            var message = await client.ReceiveJsonAsync("message");
            if (message.GetProperty("text").GetString() == "live")
            {
                break;
            }

            recovered.Add(message.GetProperty("id").GetString()!);
        }

        Assert.InRange(recovered.Count, 1, queue - 1);
        Assert.Equal(ids[^recovered.Count..], recovered);
    }

    [ServerFact]
    public async Task ARecoveryThatJustFitsTheBoundIsComplete()
    {
        // An outbox of 16 carries recoveries of 14 (an eighth less).
        await using var server = await StartServerAsync(new Dictionary<string, string?> { ["Bus:OutboundQueueLength"] = "16" });
        var bus = server.Get<IGroupBus>();
        var ids = await SayOldAsync(bus, 15);

        await using var client = await WsClient.ConnectAsync(Json(server, $"&since={ids[0]}"));
        Assert.True(JsonDocument.Parse(client.Welcome).RootElement.GetProperty("recovered").GetBoolean());
        var recovered = new List<string>();
        while (recovered.Count < 14)
        {
            recovered.Add((await client.ReceiveJsonAsync("message")).GetProperty("id").GetString()!);
        }

        Assert.Equal(ids[1..], recovered);
    }

    [ServerFact]
    public async Task ASinceThisRoomCouldNotHaveIssuedIsRefusedWith400BeforeUpgrading()
    {
        await using var server = await StartServerAsync();
        var bus = server.Get<IGroupBus>();
        var id = (await bus.GroupSendAsync(Room, new MessageDraft("ada", "one"))).Id;

        Assert.Equal(HttpStatusCode.BadRequest, await WsClient.RefusedStatusAsync(Json(server, "&since=yesterday")));
        Assert.Equal(HttpStatusCode.BadRequest, await WsClient.RefusedStatusAsync(Json(server, $"&since={FutureId}")));
        Assert.Equal(HttpStatusCode.BadRequest, await WsClient.RefusedStatusAsync(server.WebSocketUri($"ws/{Room}/?since={id}")));
        Assert.Equal(HttpStatusCode.BadRequest, await WsClient.RefusedStatusAsync(server.WebSocketUri($"ws/never_used/?format=json&since={id}")));
        Assert.Equal(HttpStatusCode.BadRequest, await WsClient.RefusedStatusAsync(server.WebSocketUri($"ws/{Room}/?format=xml")));
        await using var fine = await WsClient.ConnectAsync(Json(server, $"&since={id}"));
    }

    [ServerFact]
    public async Task TheSeamBetweenHistoryAndLiveHasNoGapAndNoDuplicateUnderConcurrentSends()
    {
        await using var server = await StartServerAsync();
        var bus = server.Get<IGroupBus>();
        var reference = new TestMember("reference");
        await bus.GroupAddAsync(Room, reference);

        // Four senders keep the room busy while clients join part-way through.
        var senders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < 150; i++)
            {
                await bus.GroupSendAsync(Room, new MessageDraft($"s{s}", $"{s}:{i}"));
            }
        })).ToList();

        var firstSeen = await reference.ReceiveAsync();
        await using var recovering = await WsClient.ConnectAsync(Json(server, $"&since={firstSeen.Id}"));
        await Task.WhenAll(senders).DefaultTimeout();

        var all = new List<string> { firstSeen.Id };
        while (all.Count < 600)
        {
            all.Add((await reference.ReceiveAsync()).Id);
        }

        var received = new List<string>();
        while (received.Count < 599)
        {
            received.Add((await recovering.ReceiveJsonAsync("message")).GetProperty("id").GetString()!);
        }

        Assert.Equal(all[1..], received);
        await bus.GroupDiscardAsync(Room, reference);
    }

    /// <summary>Says <c>m0</c>, <c>m1</c>, ... in the room as "old", one after another; their ids, in order.</summary>
    private static async Task<List<string>> SayOldAsync(IGroupBus bus, int count)
    {
        var ids = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            ids.Add((await bus.GroupSendAsync(Room, new MessageDraft("old", $"m{i}"))).Id);
        }

        return ids;
    }
}

public sealed class MemoryJsonProtocolTests(MemoryProvider provider) : JsonProtocolTests(provider), IClassFixture<MemoryProvider>;

[Requires(RedisServer.Executable)]
public sealed class RedisJsonProtocolTests(RedisProvider provider) : JsonProtocolTests(provider), IClassFixture<RedisProvider>;

[Requires(RedisServer.Executable)]
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterJsonProtocolTests(RedisClusterProvider cluster) : JsonProtocolTests(cluster);
