using System.Text.Json;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Diagnostics;

/// <summary>The log of a real app process, written as JSON lines so each line's fields can be read.</summary>
public sealed class LogTests
{
    [Fact]
    public async Task EachConnectionLogsOneStructuredLineOpeningAndOneClosingAndNeverWhatWasSaid()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "false",
            ["Logging__LogLevel__Default"] = "Information",
        });
        const string secret = "the-launch-code-is-0000";

        await using (var client = await WsClient.ConnectAsync(app.WebSocketUri("ws/logged/?name=ada")))
        {
            await client.SendTextAsync(secret);
            Assert.Equal(secret, await client.ReceiveTextAsync());
            await client.SendTextAsync("/close");
            await client.ReceiveUntilCloseAsync();
        }

        await Wait.UntilAsync(() => Lines(app).Any(line => State(line, "Reason") is not null), "the closing line is written");
        var lines = Lines(app);
        var opened = Assert.Single(lines, line => State(line, "Group") == "logged" && State(line, "Name") == "ada");
        Assert.Equal("socket", State(opened, "Kind"));
        Assert.Equal("Information", opened.GetProperty("LogLevel").GetString());
        var closed = Assert.Single(lines, line => State(line, "Reason") is not null);
        Assert.Equal(("socket", "logged", "client_closed"), (State(closed, "Kind"), State(closed, "Group"), State(closed, "Reason")));
        Assert.Equal(State(opened, "MemberId"), State(closed, "MemberId"));
        Assert.DoesNotContain(secret, app.Output);
    }

    private static List<JsonElement> Lines(AppProcess app) =>
        [.. app.Output.Split('\n').Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    private static string? State(JsonElement line, string property) =>
        line.TryGetProperty("State", out var state) && state.TryGetProperty(property, out var value) ? value.ToString() : null;
}
