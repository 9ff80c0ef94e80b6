namespace BlazorChat.Diagnostics;

/// <summary>Keeps <c>/metrics</c> to the management port (<c>Metrics:Port</c>) when there is one.</summary>
internal static class MetricsPort
{
    /// <summary>
    /// The pipeline in front of the exporter: with a port, a request that came in on any other port
    /// answers 404, as an unknown path does; without one, nothing. It reads the port the connection
    /// arrived on, not the Host header as <c>RequireHost</c> would: a client writes its own Host
    /// header, and nginx passes it on, so <c>Host: x:PORT</c> on the public port would pass that.
    /// </summary>
    public static Action<IApplicationBuilder>? Gate(int? port) => port is not int only ? null : branch =>
        branch.Use((context, next) =>
        {
            if (context.Connection.LocalPort == only)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
}
