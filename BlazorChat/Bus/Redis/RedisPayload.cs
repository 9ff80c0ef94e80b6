using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorChat.Chat;
using BlazorChat.Diagnostics;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// A message as it crosses Redis: the JSON of everything but the id, which Redis assigns (the
/// stream entry's id). The stream keeps the JSON in its entry's <c>m</c> field; the channel
/// carries <c>previous + '\n' + id + '\n' + json</c>, where previous is the id of the entry the
/// stream held last before this one (empty for a room's first), and both ids are empty for a
/// message the stream does not keep. The previous id is what lets a subscriber see that it
/// missed something (<see cref="RedisRoomFeed"/>).
/// </summary>
internal sealed record RedisPayload(
    string Sender, string Text, DateTimeOffset Ts, MessageKind Kind, string? User = null, string? Origin = null, string? Target = null)
{
    /// <summary>The stream entry's field that holds the payload.</summary>
    public const string Field = "m";

    /// <summary>
    /// The sender's W3C trace context (<c>traceparent</c>, <c>tracestate</c>) while the send is
    /// traced (<see cref="ChatTracing"/>); left out otherwise, so an untraced payload does not grow.
    /// </summary>
    public Dictionary<string, string>? Trace { get; init; }

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, RedisPayloadJsonContext.Wire.RedisPayload);

    /// <summary>The message under <paramref name="id"/> whose payload is <paramref name="json"/>; null when it is not a payload of ours.</summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    public static ChatMessage? Read(string group, string id, ReadOnlySpan<byte> json) => Read(group, id, json, out _);

    /// <summary>Reads <c>id + '\n' + json</c>, as a room's changes keep a change; null when it is not a payload of ours.</summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    public static ChatMessage? Parse(string group, ReadOnlySpan<byte> published) => Parse(group, published, out _);

    /// <summary>Reads what the publish script put on a channel, and the context of the send it carries (default when none).</summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    public static ChatMessage? Parse(string group, ReadOnlySpan<byte> published, out ActivityContext sender)
    {
        // An empty id is a live-only message (a coming or going), which the stream does not keep.
        int newline = published.IndexOf((byte)'\n');
        sender = default;
        return newline < 0 ? null : Read(group, Encoding.ASCII.GetString(published[..newline]), published[(newline + 1)..], out sender);
    }

    /// <summary>The message under <paramref name="id"/>, and the context of the send it carries (default when none).</summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    public static ChatMessage? Read(string group, string id, ReadOnlySpan<byte> json, out ActivityContext sender)
    {
        var payload = JsonSerializer.Deserialize(json, RedisPayloadJsonContext.Default.RedisPayload);
        sender = ChatTracing.Extract(payload?.Trace);
        return payload is null
            ? null
            : new ChatMessage(id, group, payload.Sender, payload.Text, payload.Ts, payload.Kind, user: payload.User, origin: payload.Origin, target: payload.Target);
    }

    /// <summary>
    /// Reads what the publish script put on a channel, with the id of the entry before it in the
    /// stream (<see cref="MessageId.Zero"/> when there was none); null when it is not a payload of ours.
    /// </summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    public static ChatMessage? ParsePublished(string group, ReadOnlySpan<byte> published, out MessageId previous, out ActivityContext sender)
    {
        previous = MessageId.Zero;
        sender = default;
        int newline = published.IndexOf((byte)'\n');
        if (newline < 0 || (newline > 0 && !MessageId.TryParse(Encoding.ASCII.GetString(published[..newline]), out previous)))
        {
            return null;
        }

        return Parse(group, published[(newline + 1)..], out sender);
    }

    /// <summary>The channel's framing of a message the stream does not keep: no previous id, no id.</summary>
    public byte[] ToPublishedLiveOnly() => [(byte)'\n', (byte)'\n', .. ToUtf8Json()];
}

[JsonSerializable(typeof(RedisPayload))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class RedisPayloadJsonContext : JsonSerializerContext
{
    private static RedisPayloadJsonContext? s_wire;

    /// <summary>
    /// Writes what Redis keeps and carries, escaping only what JSON requires, as
    /// <see cref="ChatJsonContext.Wire"/> does for frames: otherwise each <c>&lt;</c> took six bytes
    /// in the stream and on the channel. Reading needs no such choice; <see cref="JsonSerializerContext"/>'s
    /// <c>Default</c> reads both.
    /// </summary>
    public static RedisPayloadJsonContext Wire => s_wire ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
