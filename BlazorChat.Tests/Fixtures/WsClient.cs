using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Fixtures;

/// <summary>A raw WebSocket client, as a script would use one (Django Channels' WebsocketCommunicator).</summary>
public sealed class WsClient : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[64 * 1024];

    private WsClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>The welcome frame the server sent first.</summary>
    public string Welcome { get; private set; } = "";

    /// <summary>Connects and reads the welcome, after which the client is in the room.</summary>
    public static async Task<WsClient> ConnectAsync(Uri uri, string? origin = null, string? forwardedFor = null, string? bearer = null)
    {
        var client = await OpenAsync(uri, origin, forwardedFor, bearer);
        client.Welcome = await client.ReceiveTextAsync();
        return client;
    }

    /// <summary>Connects without reading anything.</summary>
    public static async Task<WsClient> OpenAsync(Uri uri, string? origin = null, string? forwardedFor = null, string? bearer = null)
    {
        var socket = NewSocket(origin, forwardedFor, bearer);
        await socket.ConnectAsync(uri, CancellationToken.None).DefaultTimeout();
        return new WsClient(socket);
    }

    /// <summary>The status code of a connection attempt the server refused before upgrading.</summary>
    public static async Task<HttpStatusCode> RefusedStatusAsync(Uri uri, string? origin = null, string? forwardedFor = null, string? bearer = null)
    {
        using var socket = NewSocket(origin, forwardedFor, bearer);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None).DefaultTimeout());
        return socket.HttpStatusCode;
    }

    /// <summary>
    /// A socket that sends <paramref name="origin"/>, as a proxy would X-Forwarded-For: <paramref name="forwardedFor"/>,
    /// and as a script signed in with an access token would Authorization: Bearer <paramref name="bearer"/>.
    /// </summary>
    private static ClientWebSocket NewSocket(string? origin, string? forwardedFor, string? bearer)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        if (forwardedFor is not null)
        {
            socket.Options.SetRequestHeader("X-Forwarded-For", forwardedFor);
        }

        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
        }

        return socket;
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).DefaultTimeout();

    public Task SendFrameAsync(byte[] payload, WebSocketMessageType type = WebSocketMessageType.Text, bool endOfMessage = true) =>
        Socket.SendAsync(payload, type, endOfMessage, CancellationToken.None).DefaultTimeout();

    /// <summary>The next text message; fails if the server closes instead.</summary>
    public async Task<string> ReceiveTextAsync()
    {
        var (type, text) = await ReceiveAsync();
        Assert.True(type == WebSocketMessageType.Text,
            $"Expected a text frame, got {type} ({Socket.CloseStatus} {Socket.CloseStatusDescription}).");
        return text;
    }

    public async Task<List<string>> ReceiveTextsAsync(int count)
    {
        var texts = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            texts.Add(await ReceiveTextAsync());
        }

        return texts;
    }

    /// <summary>Every text message until the server closes, and how it closed.</summary>
    public async Task<(List<string> Texts, WebSocketCloseStatus? Status)> ReceiveUntilCloseAsync()
    {
        var texts = new List<string>();
        while (true)
        {
            var (type, text) = await ReceiveAsync();
            if (type == WebSocketMessageType.Close)
            {
                return (texts, Socket.CloseStatus);
            }

            texts.Add(text);
        }
    }

    /// <summary>The next message as a JSON envelope (for <c>?format=json</c> clients).</summary>
    public async Task<JsonElement> ReceiveJsonAsync() => JsonDocument.Parse(await ReceiveTextAsync()).RootElement.Clone();

    /// <summary>The next envelope of the given kind, passing over others (join and leave events, say).</summary>
    public async Task<JsonElement> ReceiveJsonAsync(string kind)
    {
        while (true)
        {
            var envelope = await ReceiveJsonAsync();
            if (envelope.GetProperty("kind").GetString() == kind)
            {
                return envelope;
            }
        }
    }

    /// <summary>Reads until the server's close frame, failing if a text message comes first.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Description)> ReceiveCloseAsync()
    {
        var (type, text) = await ReceiveAsync();
        Assert.True(type == WebSocketMessageType.Close, $"Expected a close frame, got {type}: {text}");
        return (Socket.CloseStatus, Socket.CloseStatusDescription);
    }

    private async Task<(WebSocketMessageType Type, string Text)> ReceiveAsync()
    {
        int length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(_buffer.AsMemory(length), CancellationToken.None).DefaultTimeout();
            length += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close && Socket.State == WebSocketState.CloseReceived)
        {
            await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).DefaultTimeout();
        }

        return (result.MessageType, Encoding.UTF8.GetString(_buffer, 0, length));
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                Socket.Abort();
            }
        }

        Socket.Dispose();
    }
}
