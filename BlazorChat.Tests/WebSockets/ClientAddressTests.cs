using System.Net;
using BlazorChat.WebSockets;

namespace BlazorChat.Tests.WebSockets;

/// <summary>Which addresses one client may hold: an IPv4 address, or an IPv6 /64.</summary>
public sealed class ClientAddressTests
{
    private static IPAddress KeyOf(string address) => ClientAddress.KeyOf(IPAddress.Parse(address));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::2")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("fe80::1%1", "fe80::2%2")]
    public void TwoAddressesInOneSlash64ShareAKey(string one, string other) =>
        Assert.Equal(KeyOf(one), KeyOf(other));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("2001:db8:1:2::1", "2001:db9:1:2::1")]
    [InlineData("203.0.113.7", "203.0.113.8")]
    [InlineData("::1", "127.0.0.1")]
    public void AddressesOfDifferentClientsHaveDifferentKeys(string one, string other) =>
        Assert.NotEqual(KeyOf(one), KeyOf(other));

    [Fact]
    public void AnIPv4MappedAddressHasTheKeyOfItsIPv4Address()
    {
        Assert.Equal(IPAddress.Parse("1.2.3.4"), KeyOf("::ffff:1.2.3.4"));
        Assert.Equal(KeyOf("1.2.3.4"), KeyOf("::ffff:1.2.3.4"));
    }

    [Fact]
    public void AnIPv6KeyIsItsSlash64Prefix() =>
        Assert.Equal(IPAddress.Parse("2001:db8:1:2::"), KeyOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
}
