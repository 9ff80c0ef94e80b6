namespace BlazorChat.WebSockets;

/// <summary>
/// Origins other than the app's own host that may open sockets (<c>AllowedOrigins</c>, a list, or
/// one string separated by <c>;</c> or <c>,</c> as an environment variable allows):
/// <code>"AllowedOrigins": [ "https://chat.example.com" ]</code>
/// </summary>
public sealed class OriginOptions
{
    public const string SectionName = "AllowedOrigins";

    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];

    /// <summary>Reads the list from <paramref name="section"/>, whichever of the two shapes it has.</summary>
    public static IReadOnlyList<string> Read(IConfigurationSection section) =>
        section.Value is { } joined
            ? joined.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetChildren().Select(c => c.Value ?? "")];

    /// <summary>True for an absolute http(s) origin with nothing after the authority.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && !value.TrimEnd('/').EndsWith('?');
}
