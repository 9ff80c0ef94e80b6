using System.Text.Json.Serialization;

namespace BlazorChat.Chat;

/// <summary>Source-generated JSON for everything BlazorChat writes or reads: no reflection on the hot path.</summary>
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ClientMessage))]
[JsonSerializable(typeof(Api.MessagesPage))]
[JsonSerializable(typeof(IReadOnlyList<Presence.RoomMember>))]
[JsonSerializable(typeof(IReadOnlyList<Presence.RoomSummary>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 8)]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
