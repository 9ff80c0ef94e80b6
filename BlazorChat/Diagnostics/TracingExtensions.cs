using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BlazorChat.Diagnostics;

public static class TracingExtensions
{
    /// <summary>Where OTLP sends spans, by the OpenTelemetry SDK's own environment variables; either one turns tracing on.</summary>
    public static readonly string[] EndpointKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"];

    /// <summary>The service name spans carry unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string DefaultServiceName = "blazorchat";

    /// <summary>
    /// With an OTLP endpoint configured, exports the <see cref="ChatTracing"/> spans and ASP.NET
    /// Core's requests over OTLP, configured by the standard <c>OTEL_*</c> variables (protocol,
    /// headers, batching, sampling). Without one, registers nothing: no listener, so the bus makes
    /// no span and carries no trace context.
    /// </summary>
    public static IServiceCollection AddChatTracing(this IServiceCollection services, IConfiguration configuration)
    {
        if (!EndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key])))
        {
            return services;
        }

        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        services.AddOpenTelemetry().WithTracing(tracing => tracing
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource(ChatTracing.SourceName)
            .AddAspNetCoreInstrumentation()
            .AddOtlpExporter());
        return services;
    }
}
