using System.Text.Json;

namespace BlazorChat.Bus;

public static class DisconnectReasonLabels
{
    private static readonly string[] Labels =
        [.. Enum.GetValues<DisconnectReason>().Select(reason => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()))];

    /// <summary>The reason as a metric label and log value: <c>slow_consumer</c>, <c>flooding</c>, …</summary>
    public static string ToLabel(this DisconnectReason reason) => Labels[(int)reason];
}
