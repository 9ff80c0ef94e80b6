using System.Text;
using BlazorChat.Diagnostics;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace BlazorChat.Tests.Diagnostics;

/// <summary>The app exports traces over OTLP when, and only when, an OTLP endpoint is configured.</summary>
[Collection(ListensToTracesCollection.Name)]
public sealed class TracingExportTests
{
    [ServerFact]
    public async Task WithoutAnOtlpEndpointTheAppListensToNoTraces()
    {
        await using var server = ChatServer.Start();

        Assert.Null(server.Services.GetService<TracerProvider>());
        Assert.False(ChatTracing.Source.HasListeners());
    }

    [ServerFact]
    public async Task WithAnOtlpEndpointTheAppPostsTheSpansOfASendThereAsProtobuf()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var posts = new List<TracePost>();
        await using (var server = ChatServer.Start(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "chat-under-test",
        }))
        {
            Assert.NotNull(server.Services.GetService<TracerProvider>());
            await using var client = await WsClient.ConnectAsync(server.WebSocketUri("ws/exported/"));
            await client.SendTextAsync("words that stay out of traces");
            Assert.Equal("words that stay out of traces", await client.ReceiveTextAsync());
        }

        // Stopping the app flushes what its exporter holds; the posts are all in by then.
        using var timeout = new CancellationTokenSource(TimeoutExtensions.Default);
        while (!posts.Any(post => Contains(post, ChatTracing.SendName)) || !posts.Any(post => Contains(post, ChatTracing.DeliverName)))
        {
            posts.Add(await collector.ReceiveAsync(timeout.Token));
        }

        Assert.All(posts, post => Assert.Equal("application/x-protobuf", post.ContentType));
        Assert.Contains(posts, post => Contains(post, "chat-under-test") && Contains(post, "exported"));
        Assert.DoesNotContain(posts, post => Contains(post, "words that stay out of traces"));
    }

    /// <summary>Whether the protobuf holds <paramref name="text"/>: protobuf writes strings as their UTF-8 bytes.</summary>
    private static bool Contains(TracePost post, string text) => post.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
