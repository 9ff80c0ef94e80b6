using BlazorChat.Rooms;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using BlazorChat.Bus;
using BlazorChat.Tests.Bus;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.WebSockets;

/// <summary>The raw socket contract of DESIGN.md, point by point, over real Kestrel on the memory bus.</summary>
public sealed class ChatWebSocketEndpointTests(ChatServerFixture fixture) : IClassFixture<ChatServerFixture>
{
    private readonly ChatServer _server = fixture.Server;
    private readonly string _room = "room_" + Guid.NewGuid().ToString("N")[..8];

    private Task<WsClient> JoinAsync(string? query = null, string? origin = null, string? room = null) =>
        WsClient.ConnectAsync(_server.WebSocketUri($"ws/{room ?? _room}/{query}"), origin);

    private IGroupBus Bus => _server.Get<IGroupBus>();

    [Fact]
    public async Task WelcomeFrameGoesFirstAndToTheNewClientAlone()
    {
        await using var first = await JoinAsync("?name=ada");
        await using var second = await JoinAsync("?name=bob");

        Assert.StartsWith("[welcome]", first.Welcome);
        Assert.Contains("ada", first.Welcome);
        Assert.Contains("bob", second.Welcome);

        // The first client's next frame is the message sent after bob joined, not bob's welcome.
        await second.SendTextAsync("hi");
        Assert.Equal("hi", await first.ReceiveTextAsync());
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("  spaces kept, tabs\tand\nnew lines too  ")]
    [InlineData("<img src=x onerror=alert(1)> & \"quotes\"")]
    [InlineData("日本語 🎉 العربية")]
    public async Task EveryMemberIncludingTheSenderGetsTheTextVerbatim(string text)
    {
        await using var sender = await JoinAsync();
        await using var other = await JoinAsync();

        await sender.SendTextAsync(text);

        Assert.Equal(text, await sender.ReceiveTextAsync());
        Assert.Equal(text, await other.ReceiveTextAsync());
    }

    [Fact]
    public async Task OtherGroupsNeverSeeIt()
    {
        await using var here = await JoinAsync();
        await using var elsewhere = await JoinAsync(room: _room + "_other");

        await here.SendTextAsync("only here");
        await elsewhere.SendTextAsync("only elsewhere");

        Assert.Equal("only here", await here.ReceiveTextAsync());
        Assert.Equal("only elsewhere", await elsewhere.ReceiveTextAsync());
    }

    [Fact]
    public async Task NameQuerySetsTheSenderOfTheClientsMessages()
    {
        var observer = new TestMember("observer");
        await Bus.GroupAddAsync(_room, observer);
        await using var named = await JoinAsync("?name=Ada%20L.");
        await using var anonymous = await JoinAsync();

        await named.SendTextAsync("one");
        Assert.Equal("one", await named.ReceiveTextAsync());
        await anonymous.SendTextAsync("two");

        Assert.Equal("Ada L.", (await observer.ReceiveAsync()).Sender);
        Assert.StartsWith("guest-", (await observer.ReceiveAsync()).Sender);
        await Bus.GroupDiscardAsync(_room, observer);
    }

    [Theory]
    [InlineData("?name=")]
    [InlineData("?name=%20%20")]
    [InlineData("?name=abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("?name=tab%09name")]
    public async Task BadDisplayNameIsRefusedWith400(string query)
    {
        Assert.Equal(HttpStatusCode.BadRequest, await WsClient.RefusedStatusAsync(_server.WebSocketUri($"ws/{_room}/{query}")));
    }

    [Theory]
    [InlineData("关闭")]
    [InlineData("/close")]
    public async Task CloseCommandClosesWith1000AndReachesNoOne(string command)
    {
        await using var leaving = await JoinAsync();
        await using var staying = await JoinAsync();

        await leaving.SendTextAsync(command);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, (await leaving.ReceiveCloseAsync()).Status);

        // Had the command been delivered, it would have been queued before this.
        await staying.SendTextAsync("after");
        Assert.Equal("after", await staying.ReceiveTextAsync());
        await Wait.ForConnectionsAsync(_server.Get<LocalConnections>(), () => Bus.CountLocalMembers(_room) == 1, "the closed client left the room");
    }

    [Theory]
    [InlineData("ws/no%20spaces/")]
    [InlineData("ws/dash-es/")]
    [InlineData("ws/%2A/")]
    [InlineData("ws/a/b/")]
    [InlineData("ws//")]
    [InlineData("ws/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")]
    public async Task InvalidRoomNameAnswers404WithoutUpgrading(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, await WsClient.RefusedStatusAsync(_server.WebSocketUri(path)));
    }

    [Fact]
    public async Task LongestAndNonAsciiRoomNamesAreRooms()
    {
        await using var longest = await JoinAsync(room: new string('x', 64));
        await using var unicode = await JoinAsync(room: "Café_日本");

        await unicode.SendTextAsync("bonjour");

        Assert.Equal("bonjour", await unicode.ReceiveTextAsync());
        Assert.Contains("#Café_日本", unicode.Welcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task TrailingSlashIsOptional(string slash)
    {
        await using var client = await WsClient.ConnectAsync(_server.WebSocketUri($"ws/{_room}{slash}"));
        Assert.StartsWith("[welcome]", client.Welcome);
    }

    [Fact]
    public async Task PlainHttpRequestAnswers400()
    {
        using var http = _server.CreateHttpClient();
        var response = await http.GetAsync($"/ws/{_room}/");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebSocket", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MessageOfExactlyTheLimitIsDeliveredAndOneByteMoreClosesWith1009()
    {
        await using var sender = await JoinAsync();
        await using var other = await JoinAsync();
        var atLimit = new string('a', 4094) + "é";
        Assert.Equal(4096, Encoding.UTF8.GetByteCount(atLimit));

        await sender.SendTextAsync(atLimit);
        Assert.Equal(atLimit, await other.ReceiveTextAsync());

        await sender.SendTextAsync(atLimit + "c");

        Assert.Equal(atLimit, await sender.ReceiveTextAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await sender.ReceiveCloseAsync()).Status);
        await other.SendTextAsync("marker");
        Assert.Equal("marker", await other.ReceiveTextAsync());
    }

    [Fact]
    public async Task OversizedMessageSplitOverFramesClosesWith1009()
    {
        await using var sender = await JoinAsync();
        for (int i = 0; i < 5; i++)
        {
            await sender.SendFrameAsync(Encoding.UTF8.GetBytes(new string('x', 1000)), endOfMessage: false);
        }

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await sender.ReceiveCloseAsync()).Status);
    }

    [Fact]
    public async Task BinaryFrameClosesWith1003AndIsNotDelivered()
    {
        await using var sender = await JoinAsync();
        await using var other = await JoinAsync();

        await sender.SendFrameAsync("binary"u8.ToArray(), WebSocketMessageType.Binary);

        var (status, description) = await sender.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, status);
        Assert.Contains("binary", description);
        await other.SendTextAsync("marker");
        Assert.Equal("marker", await other.ReceiveTextAsync());
    }

    [Fact]
    public async Task AnEmptyBinaryFrameClosesWith1003Too()
    {
        await using var sender = await JoinAsync();

        await sender.SendFrameAsync([], WebSocketMessageType.Binary);

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, (await sender.ReceiveCloseAsync()).Status);
    }

    [Fact]
    public async Task AnEmptyTextFrameIsDeliveredAsItIsLikeAnyOther()
    {
        await using var sender = await JoinAsync();
        await using var other = await JoinAsync();

        await sender.SendFrameAsync([]);
        await sender.SendTextAsync("after");

        Assert.Equal(["", "after"], await other.ReceiveTextsAsync(2));
    }

    [Fact]
    public async Task InvalidUtf8ClosesWith1007AndIsNotDelivered()
    {
        await using var sender = await JoinAsync();
        await using var other = await JoinAsync();

        await sender.SendFrameAsync([0x68, 0x69, 0xC3, 0x28]);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, (await sender.ReceiveCloseAsync()).Status);

        // Had the bad frame been delivered, it would have been queued before the marker.
        await other.SendTextAsync("marker");
        Assert.Equal("marker", await other.ReceiveTextAsync());
    }

    [Fact]
    public async Task MessageSplitOverFramesIsPutBackTogether()
    {
        await using var sender = await JoinAsync();
        var bytes = Encoding.UTF8.GetBytes("héllo, wörld 🎉");

        // Cut inside the two-byte é and inside the four-byte emoji.
        await sender.SendFrameAsync(bytes[..2], endOfMessage: false);
        await sender.SendFrameAsync(bytes[2..^2], endOfMessage: false);
        await sender.SendFrameAsync(bytes[^2..]);

        Assert.Equal("héllo, wörld 🎉", await sender.ReceiveTextAsync());
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("https://friend.example.evil.example")]
    [InlineData("null")]
    public async Task CrossSiteOriginIsRefusedWith403(string origin)
    {
        Assert.Equal(HttpStatusCode.Forbidden, await WsClient.RefusedStatusAsync(_server.WebSocketUri($"ws/{_room}/"), origin));
    }

    [Fact]
    public async Task OwnHostAndAllowedOriginsMayConnect()
    {
        await using var sameSite = await JoinAsync(origin: _server.BaseUri.GetLeftPart(UriPartial.Authority));
        await using var friend = await JoinAsync(origin: ChatServerFixture.FriendOrigin);
        await using var script = await JoinAsync();

        Assert.All(new[] { sameSite, friend, script }, c => Assert.StartsWith("[welcome]", c.Welcome));
    }

    [Fact]
    public async Task ClientThatSendsACloseFrameLeavesTheRoom()
    {
        var client = await JoinAsync();
        Assert.Equal(1, Bus.CountLocalMembers(_room));

        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).DefaultTimeout();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
        await Wait.ForConnectionsAsync(_server.Get<LocalConnections>(), () => Bus.CountLocalMembers(_room) == 0, "the client left the room");
        await client.DisposeAsync();
    }

    [Fact]
    public async Task ClientWhoseConnectionDropsLeavesTheRoom()
    {
        var dropped = await JoinAsync();
        await using var staying = await JoinAsync();
        Assert.Equal(2, Bus.CountLocalMembers(_room));

        dropped.Socket.Abort();
        await Wait.ForConnectionsAsync(_server.Get<LocalConnections>(), () => Bus.CountLocalMembers(_room) == 1, "the dropped client left the room");

        await staying.SendTextAsync("still served");
        Assert.Equal("still served", await staying.ReceiveTextAsync());
        await dropped.DisposeAsync();
    }
}
