using System.Globalization;
using System.Text.RegularExpressions;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Fixtures;

/// <summary>The samples of one scrape of a Prometheus text exposition.</summary>
public sealed partial class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (Sample().Match(line) is { Success: true } match)
            {
                var labels = Label().Matches(match.Groups["labels"].Value)
                    .ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value);
                _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }
    }

    public string Text { get; }

    public static async Task<PrometheusScrape> ReadAsync(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        return new PrometheusScrape(await http.GetStringAsync("/metrics").DefaultTimeout());
    }

    public bool Has(string name) => _samples.Any(s => s.Name == name);

    /// <summary>The sum of the samples named <paramref name="name"/> that carry all of <paramref name="labels"/>; 0 when there are none.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(""""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)"""")]
    private static partial Regex Label();
}
