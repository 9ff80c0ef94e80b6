using System.Text.Json.Serialization;

namespace BlazorChat.Chat;

/// <summary>What a message is: something a member said, a member coming or going, or a line the room itself speaks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageKind>))]
public enum MessageKind
{
    [JsonStringEnumMemberName("message")]
    Message,

    [JsonStringEnumMemberName("join")]
    Join,

    [JsonStringEnumMemberName("leave")]
    Leave,

    [JsonStringEnumMemberName("system")]
    System,
}
