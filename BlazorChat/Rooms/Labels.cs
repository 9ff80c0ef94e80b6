using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorChat.Bus;
using BlazorChat.Chat;

namespace BlazorChat.Rooms;

/// <summary>
/// The one label of each value of a closed set (<c>slow_consumer</c>, <c>socket</c>,
/// <c>rate_limit</c>): its name in snake_case. Metrics, logs, the API, the admin console and the
/// pages all show this label, and JSON writes it (<see cref="LabelJsonConverter{T}"/>).
/// </summary>
public static class Labels
{
    /// <summary>The rule that makes a label of a name, shared by <see cref="ToLabel(DisconnectReason)"/> and JSON.</summary>
    public static JsonNamingPolicy Policy { get; } = JsonNamingPolicy.SnakeCaseLower;

    public static string ToLabel(this DisconnectReason reason) => Of<DisconnectReason>.Label(reason);

    public static string ToLabel(this ConnectionKind kind) => Of<ConnectionKind>.Label(kind);

    public static string ToLabel(this RefusalReason reason) => Of<RefusalReason>.Label(reason);

    public static string ToLabel(this MessageKind kind) => Of<MessageKind>.Label(kind);

    private static class Of<T> where T : struct, Enum
    {
        // The enums are numbered 0, 1, 2, ... by declaration, so the value is the index.
        private static readonly string[] Names = [.. Enum.GetValues<T>().Select(value => Policy.ConvertName(value.ToString()))];

        public static string Label(T value) => Names[Unsafe.As<T, int>(ref value)];
    }
}

/// <summary>Writes and reads an enum as its <see cref="Labels"/> label.</summary>
public sealed class LabelJsonConverter<T>() : JsonStringEnumConverter<T>(Labels.Policy, allowIntegerValues: false)
    where T : struct, Enum;
