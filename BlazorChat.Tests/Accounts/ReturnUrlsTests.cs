using BlazorChat.Accounts;

namespace BlazorChat.Tests.Accounts;

public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/room/lobby", "/room/lobby")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("room/lobby", "/")]
    public void OnlyAPathOfThisSiteIsKept(string? url, string expected) => Assert.Equal(expected, ReturnUrls.LocalOrHome(url));
}
