using Microsoft.AspNetCore.SignalR;

namespace BlazorChat.Components.Handover;

/// <summary>
/// While <see cref="PageHandover"/> hands the pages over, this instance takes no circuit: a new
/// connection to <c>/_blazor</c> is answered 503 (the proxy tries the next instance), and a page
/// that asks to start, resume or reconnect a circuit over a connection it still holds here has
/// that connection closed, so that it connects again, through the proxy, elsewhere.
/// </summary>
internal static class HandoverGate
{
    public static IApplicationBuilder UseHandoverGate(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/_blazor"), branch => branch.Use((context, next) =>
        {
            if (!context.RequestServices.GetRequiredService<PageHandover>().HandingOver)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }));

    /// <summary>The circuit hub's methods that would put a circuit on this instance.</summary>
    internal sealed class HubFilter(PageHandover handover) : IHubFilter
    {
        private static readonly HashSet<string> CircuitMethods = new(StringComparer.Ordinal) { "StartCircuit", "ResumeCircuit", "ConnectCircuit" };

        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            if (handover.HandingOver && CircuitMethods.Contains(invocationContext.HubMethodName))
            {
                invocationContext.Context.Abort();
                throw new HubException("This instance is stopping; connect again.");
            }

            return next(invocationContext);
        }
    }
}
