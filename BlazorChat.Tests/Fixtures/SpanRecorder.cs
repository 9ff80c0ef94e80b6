using System.Collections.ObjectModel;
using System.Diagnostics;
using BlazorChat.Diagnostics;
using BlazorChat.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// The spans of BlazorChat's activity source that end while it is open, through an OpenTelemetry
/// tracer provider and its in-memory exporter, as an operator's collector would get them.
/// Listens to the whole process: use it in the <see cref="ListensToTracesCollection"/>.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly Exported _spans = new();
    private readonly TracerProvider _provider;

    public SpanRecorder() =>
        _provider = Sdk.CreateTracerProviderBuilder().AddSource(ChatTracing.SourceName).AddInMemoryExporter(_spans).Build();

    /// <summary>The spans ended so far.</summary>
    public Activity[] Spans => _spans.Snapshot();

    /// <summary>Waits until <paramref name="count"/> ended spans match, and returns them in the order they ended.</summary>
    public async Task<Activity[]> WaitForAsync(Func<Activity, bool> match, int count, string what)
    {
        await Wait.ForAsync(() => Spans.Count(match) >= count, s => _spans.Added += s, s => _spans.Added -= s, what);
        return [.. Spans.Where(match)];
    }

    public void Dispose() => _provider.Dispose();

    /// <summary>What the exporter adds to, on the thread that ends each span, while a test reads it on its own.</summary>
    private sealed class Exported : Collection<Activity>
    {
        public event Action? Added;

        public Activity[] Snapshot()
        {
            lock (this)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (this)
            {
                base.InsertItem(index, item);
            }

            Added?.Invoke();
        }
    }
}
