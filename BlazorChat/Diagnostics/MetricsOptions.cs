using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Diagnostics;

/// <summary>
/// Where <c>/metrics</c> answers (<c>Metrics</c> section). Unset, on every port the app listens
/// on; set, only on <see cref="Port"/>, which the app then also listens on.
/// </summary>
public sealed class MetricsOptions
{
    // "Metrics": { "Port": 9464 }
    public const string SectionName = "Metrics";

    [Range(1, 65535, ErrorMessage = "Metrics:Port must be a TCP port between 1 and 65535 (or unset, which serves /metrics on the app's own port).")]
    public int? Port { get; set; }
}
