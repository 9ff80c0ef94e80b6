using System.Net;
using BlazorChat.Chat;
using BlazorChat.WebSockets;
using Microsoft.Extensions.Options;

namespace BlazorChat.Tests.WebSockets;

/// <summary>The per-address cap counts a client, not an address: an IPv6 client holds a whole /64.</summary>
public sealed class ConnectionsPerAddressTests
{
    private static ConnectionsPerAddress Cap(int max) => new(Options.Create(new LimitsOptions { MaxConnectionsPerAddress = max }));

    [Fact]
    public void TheCapCountsTwoAddressesOfOneSlash64AsOneClient()
    {
        var cap = Cap(2);

        Assert.True(cap.TryAcquire(IPAddress.Parse("2001:db8:1:2::1")));
        Assert.True(cap.TryAcquire(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff")));

        Assert.False(cap.TryAcquire(IPAddress.Parse("2001:db8:1:2:abcd::42")));
        Assert.True(cap.TryAcquire(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void ReleasingAnyAddressOfTheSlash64FreesASlotForTheOthers()
    {
        var cap = Cap(1);
        Assert.True(cap.TryAcquire(IPAddress.Parse("2001:db8::1")));
        Assert.False(cap.TryAcquire(IPAddress.Parse("2001:db8::2")));

        cap.Release(IPAddress.Parse("2001:db8::1"));

        Assert.True(cap.TryAcquire(IPAddress.Parse("2001:db8::2")));
    }

    [Fact]
    public void AnIPv4ClientCountsTheSameWhetherItsAddressCameMappedToIPv6OrNot()
    {
        var cap = Cap(1);

        Assert.True(cap.TryAcquire(IPAddress.Parse("203.0.113.7")));
        Assert.False(cap.TryAcquire(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.True(cap.TryAcquire(IPAddress.Parse("203.0.113.8")));
    }
}
