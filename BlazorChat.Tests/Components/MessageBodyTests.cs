using BlazorChat.Components.Chat;
using Bunit;
using Bunit.Rendering;

namespace BlazorChat.Tests.Components;

public sealed class MessageBodyTests
{
    private static IRenderedComponent<ContainerFragment> Render(BunitContext ctx, string text) =>
        ctx.Render(MessageBody.For(text, BlazorChat.Chat.ReaderNames.None));

    [Fact]
    public async Task WebLinksBecomeAnchorsThatOpenApartAndTheRestStaysText()
    {
        await using var ctx = new BunitContext();
        const string text = "see https://example.com/a?b=1&c=2, and HTTP://x.org.";
        var cut = Render(ctx, text);

        var links = cut.FindAll("a");
        Assert.Equal(["https://example.com/a?b=1&c=2", "http://x.org/"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["https://example.com/a?b=1&c=2", "HTTP://x.org"], links.Select(a => a.TextContent));
        Assert.All(links, a => Assert.Equal(("_blank", "noopener noreferrer nofollow"), (a.GetAttribute("target"), a.GetAttribute("rel"))));
        Assert.Equal(text, string.Concat(cut.Nodes.Select(n => n.TextContent)));
    }

    [Theory]
    [InlineData("(see https://example.com/x)", "https://example.com/x")]
    [InlineData("https://en.wikipedia.org/wiki/Foo_(bar).", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("done: https://example.com/!", "https://example.com/")]
    [InlineData("\"https://example.com/q\"", "https://example.com/q")]
    [InlineData("[https://example.com/list]", "https://example.com/list")]
    [InlineData("https://example.com/a,b;c, then", "https://example.com/a,b;c")]
    public async Task TrailingPunctuationIsNotPartOfTheLinkButBracketsItOpensAre(string text, string link)
    {
        await using var ctx = new BunitContext();
        var cut = Render(ctx, text);

        Assert.Equal(link, cut.Find("a").TextContent);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd and ftp://example.com")]
    [InlineData("http:// and https://? and https:///path")]
    [InlineData("xhttp://example.com")]
    public async Task OtherSchemesAndBrokenAddressesStayInertText(string text)
    {
        await using var ctx = new BunitContext();
        var cut = Render(ctx, text);

        Assert.Empty(cut.FindAll("a, script"));
        Assert.Equal(text, string.Concat(cut.Nodes.Select(n => n.TextContent)));
    }

    [Theory]
    [InlineData("http://x\"onmouseover=\"alert(1)", "http://x/")]
    [InlineData("http://x\" onmouseover=alert(1) x=\"", "http://x/")]
    [InlineData("https://example.com/\"><img src=x onerror=alert(1)>", "https://example.com/")]
    [InlineData("https://example.com/'onfocus='alert(1)' autofocus='", "https://example.com/'onfocus='alert(1)")]
    public async Task NothingAfterTheAddressReachesTheLinksAttributes(string text, string href)
    {
        await using var ctx = new BunitContext();
        var cut = Render(ctx, text);

        var link = cut.Find("a");
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal(["href", "target", "rel", "aria-describedby"], link.Attributes.Select(a => a.Name));
        Assert.Empty(cut.FindAll("img, [onmouseover], [onerror], [onfocus]"));
        Assert.Equal(text, string.Concat(cut.Nodes.Select(n => n.TextContent)));
    }

    [Fact]
    public async Task AFormattingCharacterEndsTheAddressSoTheShownLinkIsTheOpenedOne()
    {
        await using var ctx = new BunitContext();
        var cut = Render(ctx, "https://example.com/\u202Egnp.exe");

        Assert.Equal(("https://example.com/", "https://example.com/"), (cut.Find("a").TextContent, cut.Find("a").GetAttribute("href")));
    }
}
