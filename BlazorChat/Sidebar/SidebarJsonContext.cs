using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorChat.Sidebar;

/// <summary>A guest's sidebar as its browser keeps it: <c>[{"room","lastRead","openedUtc"}]</c>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<StoredRoom>))]
internal sealed partial class SidebarJsonContext : JsonSerializerContext;
