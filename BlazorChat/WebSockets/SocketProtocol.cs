using BlazorChat.Chat;

namespace BlazorChat.WebSockets;

/// <summary>
/// How a socket speaks, from its query string: plain text frames (the tutorial's protocol), or
/// JSON envelopes (<c>?format=json</c>), optionally recovering what came after <c>since</c>.
/// </summary>
internal sealed record SocketProtocol(bool Json, MessageId? Since)
{
    public static SocketProtocol Plain { get; } = new(false, null);

    /// <summary>Reads <c>format</c> and <c>since</c>; returns why they are not acceptable, or null.</summary>
    public static string? TryRead(IQueryCollection query, out SocketProtocol protocol)
    {
        protocol = Plain;
        var format = query["format"];
        bool json;
        switch (format.Count == 0 ? "plain" : format[0])
        {
            case "plain":
                json = false;
                break;
            case "json":
                json = true;
                break;
            default:
                return "format must be 'plain' (the default) or 'json'.";
        }

        var since = query["since"];
        if (since.Count == 0)
        {
            protocol = new SocketProtocol(json, null);
            return null;
        }

        if (!json)
        {
            return "since needs format=json: only JSON envelopes carry the ids to recover from.";
        }

        if (!MessageId.TryParse(since[0], out var id))
        {
            return $"'{since[0]}' is not a message id.";
        }

        protocol = new SocketProtocol(true, id);
        return null;
    }
}
