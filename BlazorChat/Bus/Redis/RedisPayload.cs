using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorChat.Chat;

namespace BlazorChat.Bus.Redis;

/// <summary>
/// A message as it crosses Redis: the JSON of everything but the id, which Redis assigns (the
/// stream entry's id) and puts in front of it on the channel, as <c>id + '\n' + json</c>.
/// </summary>
internal sealed record RedisPayload(string Sender, string Text, DateTimeOffset Ts, MessageKind Kind)
{
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, RedisPayloadJsonContext.Wire.RedisPayload);

    /// <summary>Reads what the publish script put on a channel; null when it is not a payload of ours.</summary>
    public static ChatMessage? Parse(string group, ReadOnlySpan<byte> published)
    {
        int newline = published.IndexOf((byte)'\n');
        if (newline <= 0)
        {
            return null;
        }

        var payload = JsonSerializer.Deserialize(published[(newline + 1)..], RedisPayloadJsonContext.Default.RedisPayload);
        if (payload is null)
        {
            return null;
        }

        var id = Encoding.ASCII.GetString(published[..newline]);
        return new ChatMessage(id, group, payload.Sender, payload.Text, payload.Ts, payload.Kind);
    }
}

[JsonSerializable(typeof(RedisPayload))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
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
