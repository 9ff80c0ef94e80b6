using System.Text.Json.Serialization;

namespace BlazorChat.Chat;

/// <summary>What a message is: something a member said, a member coming or going, a line the room itself speaks, or a sign that someone is writing.</summary>
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

    /// <summary>A new text for an earlier message (its <see cref="ChatMessage.Target"/>), by its sender or a moderator.</summary>
    [JsonStringEnumMemberName("edit")]
    Edit,

    /// <summary>An earlier message (its <see cref="ChatMessage.Target"/>) taken back, by its sender or a moderator.</summary>
    [JsonStringEnumMemberName("delete")]
    Delete,

    /// <summary>Its sender is writing: live only, at most one per member every <see cref="Rooms.TypingSignals.Interval"/>.</summary>
    [JsonStringEnumMemberName("typing")]
    Typing,
}

public static class MessageKindExtensions
{
    /// <summary>
    /// Whether messages of this kind are part of the room's history: numbered, kept and recovered
    /// by id (edits and deletions too). Comings and goings and typing are live only (an empty id): churn in a room never pushes
    /// what people said out of its history, and joining rooms leaves nothing behind.
    /// </summary>
    public static bool IsKept(this MessageKind kind) => kind is MessageKind.Message or MessageKind.System or MessageKind.Edit or MessageKind.Delete;

    /// <summary>Edits and deletions: kept like messages, so recovery by id brings them, and folded into their targets where history is shown.</summary>
    public static bool IsChange(this MessageKind kind) => kind is MessageKind.Edit or MessageKind.Delete;
}
