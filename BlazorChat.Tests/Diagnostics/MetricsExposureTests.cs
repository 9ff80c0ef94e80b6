using System.Net;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Diagnostics;

/// <summary>Where <c>/metrics</c> answers: never through the nginx of deploy/, whatever the case or a trailing slash.</summary>
[Requires(NginxServer.Executable)]
public sealed class MetricsExposureTests
{
    // ASP.NET Core's routing ignores case and a trailing slash, so each of these reaches /metrics.
    private static readonly string[] MetricsPaths = ["/metrics", "/metrics/", "/METRICS", "/Metrics/", "/metrics?x=1", "/%6Detrics"];

    [ServerFact]
    public async Task ThroughNginxMetricsIsNotFoundInAnyCaseOrWithATrailingSlash()
    {
        await using var first = ChatServer.Start();
        await using var second = ChatServer.Start();
        await using var nginx = await NginxServer.StartAsync(first.BaseUri, second.BaseUri);
        using var http = new HttpClient { BaseAddress = nginx.BaseUri };
        using var direct = first.CreateHttpClient();

        // Each instance does serve them, so a 404 below is nginx's doing.
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/Metrics/").DefaultTimeout()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/").DefaultTimeout()).StatusCode);
        foreach (var path in MetricsPaths)
        {
            var response = await http.GetAsync(path).DefaultTimeout();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} through nginx answered {(int)response.StatusCode}.\n{nginx.ErrorLog()}");
        }
    }
}
