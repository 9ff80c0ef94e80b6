using System.Diagnostics;

namespace BlazorChat.Tests.Infrastructure;

public static class TimeoutExtensions
{
    /// <summary>Generous, so a loaded CI machine does not fail a correct test; only a hang hits it.</summary>
    public static readonly TimeSpan Default = Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(20);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Default);

    public static Task<T> DefaultTimeout<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Default);
}
