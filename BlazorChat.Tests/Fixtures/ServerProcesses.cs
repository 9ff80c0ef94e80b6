using System.Diagnostics;

namespace BlazorChat.Tests.Fixtures;

/// <summary>Starts the servers the fixtures run (redis-server, postgres), whose output nobody reads.</summary>
internal static class ServerProcesses
{
    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="arguments"/>, its output read and
    /// dropped: a server that logs freely never blocks on a full pipe.
    /// </summary>
    public static Process Start(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
