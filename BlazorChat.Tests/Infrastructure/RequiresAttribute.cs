namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// Marks a test class that needs a program from a Debian package (redis-server, chromium,
/// nginx). Its <see cref="ServerFactAttribute"/> tests are skipped, with the install command as
/// the reason, where the program is missing; under CI=true they are never skipped, so a missing
/// install fails the run instead of hiding tests.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RequiresAttribute(string executable) : Attribute
{
    public string Executable { get; } = executable;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a test needing <paramref name="executable"/> cannot run here, or null when it can.</summary>
    public static string? SkipReason(string executable) =>
        File.Exists(executable) || IsCi
            ? null
            : $"{executable} is not installed (apt-get install -y {Path.GetFileName(executable)}); CI runs this test.";
}
