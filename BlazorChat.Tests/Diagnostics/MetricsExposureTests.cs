using System.Net;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Diagnostics;

/// <summary>
/// Where <c>/metrics</c> answers: never through the nginx of deploy/, whatever the case or a
/// trailing slash; and with <c>Metrics:Port</c> set, only on that port.
/// </summary>
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

    [ServerFact]
    public async Task WithAManagementPortMetricsAnswersThereAndNotOnThePublicPort()
    {
        int management = FreePorts.Next();
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string> { ["Metrics__Port"] = management.ToString() });
        using var publicSide = new HttpClient { BaseAddress = app.BaseUri };
        using var managementSide = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}/") };

        var scrape = await managementSide.GetAsync("/metrics").DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("blazorchat_", await scrape.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await publicSide.GetAsync("/").DefaultTimeout()).StatusCode);
        foreach (var path in MetricsPaths)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await publicSide.GetAsync(path).DefaultTimeout()).StatusCode);
        }

        // The Host header is the client's to write: naming the management port in it changes nothing.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{management}";
        Assert.Equal(HttpStatusCode.NotFound, (await publicSide.SendAsync(spoofed).DefaultTimeout()).StatusCode);
    }
}
