using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace BlazorChat;

internal static class DevelopmentOverlay
{
    /// <summary>
    /// The development overlay, appsettings.Development.json, lives at the repository root and
    /// the build copies it beside the binaries. The host looks for it in the content root (the
    /// project folder under <c>dotnet run</c>); this points that same configuration source, in
    /// its place among the others, at the copy, so environment variables and the command line
    /// still override it.
    /// </summary>
    public static void UseRepositoryDevelopmentOverlay(this WebApplicationBuilder builder)
    {
        var fileName = $"appsettings.{builder.Environment.EnvironmentName}.json";
        if (!builder.Environment.IsDevelopment()
            || File.Exists(Path.Combine(builder.Environment.ContentRootPath, fileName))
            || !File.Exists(Path.Combine(AppContext.BaseDirectory, fileName)))
        {
            return;
        }

        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource json && json.Path == fileName)
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = fileName,
                    Optional = true,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                };
            }
        }
    }
}
