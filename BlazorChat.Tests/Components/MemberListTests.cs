using BlazorChat.Rooms;
using BlazorChat.Components.Chat;
using BlazorChat.Presence;
using Bunit;

namespace BlazorChat.Tests.Components;

public sealed class MemberListTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachNameShowsOnceWithItsKindAndCountAndSince()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MemberList>(p => p
            .Add(x => x.Members, [new RoomMember("Ada", ConnectionKind.Browser, Nine, 2), new RoomMember("robot", ConnectionKind.Socket, Nine.AddMinutes(5), 1)])
            .Add(x => x.UtcOffset, TimeSpan.FromHours(1)));

        var rows = cut.FindAll("[data-testid=member]");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("Ada", "browser", "2"), (rows[0].GetAttribute("data-name"), rows[0].GetAttribute("data-kind"), rows[0].GetAttribute("data-connections")));
        Assert.Equal("×2", rows[0].QuerySelector(".member-count")!.TextContent);
        Assert.Equal("10:00", rows[0].QuerySelector(".member-since")!.TextContent);
        Assert.Null(rows[1].QuerySelector(".member-count"));
        Assert.Equal(["In a browser", "On a socket"], rows.Select(row => row.QuerySelector("svg[role=img]")!.GetAttribute("aria-label")));
        Assert.Contains("In the room · 2", cut.Find("[data-testid=member-list]").TextContent);
    }

    [Fact]
    public async Task NamesAreShownAsText()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<MemberList>(p => p.Add(x => x.Members, [new RoomMember("<i>x</i>", ConnectionKind.Browser, Nine, 1)]));

        Assert.Empty(cut.FindAll("[data-testid=member-list] i"));
        Assert.Equal("<i>x</i>", cut.Find(".member-name").TextContent);
    }
}
