using Microsoft.Extensions.Time.Testing;
using BlazorChat.Admin;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Admin;

/// <summary>The instance-wide bound on admin sign-in attempts, on a clock the test moves.</summary>
public sealed class SignInThrottleTests
{
    [Fact]
    public void InOneWindowOnlyTheLimitOfAttemptsIsAdmittedHoweverManyArrive()
    {
        var throttle = new SignInThrottle(new FakeTimeProvider());

        var admitted = Enumerable.Range(0, 100).AsParallel().Count(_ => throttle.TryAdmit());

        Assert.Equal(SignInThrottle.AttemptsPerWindow, admitted);
    }

    [Fact]
    public void OnceTheWindowHasPassedAttemptsAreAdmittedAgain()
    {
        var time = new FakeTimeProvider();
        var throttle = new SignInThrottle(time);
        for (int i = 0; i < SignInThrottle.AttemptsPerWindow; i++)
        {
            Assert.True(throttle.TryAdmit());
        }

        time.Advance(SignInThrottle.Window - TimeSpan.FromMilliseconds(1));
        Assert.False(throttle.TryAdmit());

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(SignInThrottle.AttemptsPerWindow, Enumerable.Range(0, 20).Count(_ => throttle.TryAdmit()));
    }
}
