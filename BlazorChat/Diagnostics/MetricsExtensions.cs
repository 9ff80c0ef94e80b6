using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace BlazorChat.Diagnostics;

public static class MetricsExtensions
{
    /// <summary>The meters <c>/metrics</c> shows: BlazorChat's own, ASP.NET Core's, and the runtime's.</summary>
    private static readonly string[] Meters =
    [
        ChatMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "System.Runtime",
    ];

    /// <summary>Registers the <c>BlazorChat</c> meter, its gauges, and the OpenTelemetry pipeline that <c>/metrics</c> reads.</summary>
    public static IServiceCollection AddChatMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<ChatMetrics>();
        services.AddOptionsWithValidateOnStart<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations();
        services.AddTransient<IStartupFilter, MetricsPortStartupFilter>();
        services.AddSingleton<BusGauges>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        return services;
    }

    /// <summary>Serves <c>/metrics</c> in Prometheus text format, only on <c>Metrics:Port</c> when set; behind a proxy, keep it to the internal network (see deploy/).</summary>
    public static WebApplication MapChatMetrics(this WebApplication app)
    {
        // The gauges observe the bus from the moment the app serves.
        app.Services.GetRequiredService<BusGauges>();
        var port = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port;
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, MetricsPort.Gate(port), optionsName: null);
        return app;
    }
}
