using System.Text.Json.Serialization;

namespace BlazorChat.Chat;

/// <summary>What a message is: something a member said, or a line the room itself speaks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageKind>))]
public enum MessageKind
{
    Message,
    Join,
    Leave,
    System,
}
