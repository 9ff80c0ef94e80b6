using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

// The ceiling: /ws/{group}/ broadcast with nothing else. Each socket has a queue and a writer
// loop; a received message is copied once into a buffer shared by every receiver. No bus, no
// presence, no history, no limits.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.UseWebSockets();

var rooms = new ConcurrentDictionary<string, Room>();
var welcome = Encoding.UTF8.GetBytes("[welcome]");

app.Map("/ws/{group}/", async (HttpContext context, string group) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = 400;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var member = new Member(socket);
    var room = rooms.GetOrAdd(group, _ => new Room());
    member.Queue.Writer.TryWrite(welcome);
    room.Add(member);
    var writer = member.WriteAsync();
    var buffer = new byte[4097];
    try
    {
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult frame;
            do
            {
                frame = await socket.ReceiveAsync(buffer.AsMemory(length), context.RequestAborted);
                length += frame.Count;
            }
            while (!frame.EndOfMessage && frame.MessageType != WebSocketMessageType.Close && length < buffer.Length);

            if (frame.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            var message = buffer.AsSpan(0, length).ToArray();
            foreach (var receiver in room.Members)
            {
                receiver.Queue.Writer.TryWrite(message);
            }
        }
    }
    catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
    {
        // Gone.
    }
    finally
    {
        room.Remove(member);
        member.Queue.Writer.TryComplete();
        await writer;
    }
});

app.Run();

sealed class Room
{
    private readonly Lock _gate = new();

    public volatile Member[] Members = [];

    public void Add(Member member)
    {
        lock (_gate)
        {
            Members = [.. Members, member];
        }
    }

    public void Remove(Member member)
    {
        lock (_gate)
        {
            Members = Array.FindAll(Members, m => m != member);
        }
    }
}

sealed class Member(WebSocket socket)
{
    public Channel<byte[]> Queue { get; } = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public async Task WriteAsync()
    {
        try
        {
            while (await Queue.Reader.WaitToReadAsync())
            {
                while (Queue.Reader.TryRead(out var message))
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Gone.
        }
    }
}
