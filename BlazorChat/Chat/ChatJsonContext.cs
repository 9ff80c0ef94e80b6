using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorChat.Chat;

/// <summary>Source-generated JSON for everything BlazorChat writes or reads: no reflection on the hot path.</summary>
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ClientMessage))]
[JsonSerializable(typeof(Api.MessagesPage))]
[JsonSerializable(typeof(Api.CreateRoomRequest))]
[JsonSerializable(typeof(Api.UserRequest))]
[JsonSerializable(typeof(IReadOnlyList<Presence.RoomMember>))]
[JsonSerializable(typeof(IReadOnlyList<Presence.RoomSummary>))]
[JsonSerializable(typeof(Rooms.ConnectionCommand))]
[JsonSerializable(typeof(Admin.InstanceConnections))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 8)]
internal sealed partial class ChatJsonContext : JsonSerializerContext
{
    private static ChatJsonContext? s_wire;

    /// <summary>
    /// The same contract for the JSON of socket frames and history, escaping only what JSON itself
    /// requires (quotes, backslashes, control characters). The default encoder also escapes
    /// <c>&lt; &gt; &amp; '</c> and all non-ASCII, six bytes each, so that hostile text took six
    /// times its size in every queue, frame and history entry. Those escapes guard JSON pasted into
    /// HTML; these frames are never that: the pages render message text as text (Blazor escapes it),
    /// and a script that puts a frame's text into HTML must escape it whatever the wire looked like.
    /// </summary>
    /// <remarks>
    /// Made on first use (a race makes two, harmlessly), not in a static initializer: the generated
    /// half of this class sets <c>Default</c> in one of its own, and C# leaves open the order of
    /// static initializers across the halves of a partial class. With an encoder set,
    /// System.Text.Json serializes from the generated metadata rather than the generated fast path;
    /// still no reflection. The HTTP API keeps ASP.NET Core's default encoder (HostingExtensions).
    /// </remarks>
    public static ChatJsonContext Wire => s_wire ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
