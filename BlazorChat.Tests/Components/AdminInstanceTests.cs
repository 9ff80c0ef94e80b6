using BlazorChat.Admin;
using BlazorChat.Components.Admin;
using BlazorChat.Rooms;
using Bunit;

namespace BlazorChat.Tests.Components;

/// <summary>How the console shows one instance's list: whose it is, how old, how much is left out, and the removal it asks for.</summary>
public sealed class AdminInstanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnotherInstancesListSaysItsAgeAndHowManyItLeavesOut()
    {
        await using var ctx = ChatTestContext.Create();
        var listed = new InstanceConnections("b1", "web-2 http://10.0.0.2:5000", Now.AddSeconds(-4), 340,
            [new ListedConnection("c1", "far", ConnectionKind.Socket, "faraway", Now.AddMinutes(-2))]);
        ListedConnection? asked = null;

        var cut = ctx.Render<AdminInstance>(p => p
            .Add(x => x.Instance, listed)
            .Add(x => x.Now, Now)
            .Add(x => x.CanKick, true)
            .Add(x => x.OnKick, (ListedConnection c) => asked = c));

        var instance = cut.Find("[data-testid=admin-instance]");
        Assert.Equal(("b1", "web-2 http://10.0.0.2:5000", "false"),
            (instance.GetAttribute("data-instance-id"), instance.GetAttribute("data-instance-name"), instance.GetAttribute("data-own")));
        Assert.Equal("listed 4 s ago", cut.Find("[data-testid=admin-instance-age]").TextContent.Trim());
        Assert.Equal("the first 1 of 340 connections", cut.Find("[data-testid=admin-instance-total]").TextContent.Trim());
        Assert.Equal("b1", cut.Find("[data-testid=admin-member-row]").GetAttribute("data-instance"));

        cut.Find("[data-testid=admin-kick]").Click();
        Assert.Equal("c1", asked?.Id);
    }

    [Fact]
    public async Task ThisInstanceIsMarkedAndCarriesNoAge()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<AdminInstance>(p => p
            .Add(x => x.Instance, new InstanceConnections("a1", "web-1", Now, 0, []))
            .Add(x => x.IsOwn, true)
            .Add(x => x.Now, Now));

        Assert.Equal("true", cut.Find("[data-testid=admin-instance]").GetAttribute("data-own"));
        Assert.Empty(cut.FindAll("[data-testid=admin-instance-age]"));
        Assert.Equal("0 connections", cut.Find("[data-testid=admin-instance-total]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=admin-member-row]"));
    }
}
