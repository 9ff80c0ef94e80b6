using BlazorChat.Components.Chat;
using BlazorChat.Rooms;
using Bunit;

namespace BlazorChat.Tests.Components;

public sealed class PrivateRoomNoticeTests
{
    [Fact]
    public async Task AGuestIsOfferedToSignInAndComeBackToTheRoom()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<PrivateRoomNotice>(p => p
            .Add(x => x.Room, "Café_日本").Add(x => x.PrivateRoom, true).Add(x => x.SignInRequired, true).Add(x => x.Detail, RoomAdmission.PrivateRoom));

        Assert.Contains("This room is private", cut.Find("[data-testid=private-room-notice]").TextContent);
        Assert.Equal("/account/login?ReturnUrl=%2Froom%2FCaf%25C3%25A9_%25E6%2597%25A5%25E6%259C%25AC", cut.Find("[data-testid=private-room-signin]").GetAttribute("href"));
    }

    [Fact]
    public async Task ASignedInOutsiderIsToldWhyWithoutASignInLink()
    {
        await using var ctx = ChatTestContext.Create();
        var cut = ctx.Render<PrivateRoomNotice>(p => p
            .Add(x => x.Room, "secret").Add(x => x.PrivateRoom, true).Add(x => x.Detail, RoomAdmission.NotAMember));

        Assert.Contains(RoomAdmission.NotAMember, cut.Find("[data-testid=private-room-notice]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=private-room-signin]"));
    }
}
