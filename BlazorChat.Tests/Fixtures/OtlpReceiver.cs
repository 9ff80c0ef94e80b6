using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// A stand-in for an OpenTelemetry collector's OTLP/HTTP receiver on real Kestrel, on a free
/// loopback port: it takes every post to <c>/v1/traces</c>, answers 200 as a collector does, and
/// keeps the bodies (protobuf) for the test.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<TracePost> _posts = Channel.CreateUnbounded<TracePost>();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The endpoint, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names it (the exporter adds <c>/v1/traces</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._posts.Writer.TryWrite(new TracePost(request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>The next post the receiver took.</summary>
    public async Task<TracePost> ReceiveAsync(CancellationToken cancellationToken) => await _posts.Reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One export: its content type and its body.</summary>
public sealed record TracePost(string? ContentType, byte[] Body);
