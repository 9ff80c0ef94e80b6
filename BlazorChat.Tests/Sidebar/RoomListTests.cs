using BlazorChat.Chat;
using BlazorChat.Components;
using BlazorChat.Sidebar;
using BlazorChat.Tests.Components;
using BlazorChat.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Sidebar;

/// <summary>Where a sidebar is kept: an account's in the database (SQLite here; the browser tests run it on PostgreSQL too), read back by another circuit and bounded; a guest's in its browser.</summary>
public sealed class RoomListTests
{
    [Fact]
    public async Task AnAccountsRoomsAndWhereItLeftOffAreReadBackByAnotherCircuit()
    {
        await using var ctx = ChatTestContext.Create();
        await ctx.SignInAsync("ada");
        var first = ctx.Services.GetRequiredService<RoomList>();
        var said = await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Grace", "hi"));
        await first.EnterAsync("lobby", ReaderNames.None);
        first.Read(said, live: true);
        await first.EnterAsync("kitchen", ReaderNames.None);

        await using var second = ActivatorUtilities.CreateInstance<RoomList>(ctx.Services);
        await second.LoadAsync();

        Assert.Equal(["kitchen", "lobby"], second.Rooms.Select(r => r.Name));
        Assert.Equal(said.OrderId, await second.EnterAsync("lobby", ReaderNames.None));
    }

    [Fact]
    public async Task ALongListKeepsTheMostRecentlyOpenedRoomsDroppingTheOldest()
    {
        await using var ctx = ChatTestContext.Create();
        await ctx.SignInAsync("ada");
        var rooms = ctx.Services.GetRequiredService<RoomList>();
        for (int i = 0; i <= RoomList.MaxRooms; i++)
        {
            await rooms.EnterAsync($"room{i}", ReaderNames.None);
        }

        await using var elsewhere = ActivatorUtilities.CreateInstance<RoomList>(ctx.Services);
        await elsewhere.LoadAsync();

        Assert.Equal(RoomList.MaxRooms, rooms.Rooms.Count);
        Assert.Equal(RoomList.MaxRooms, elsewhere.Rooms.Count);
        Assert.Equal($"room{RoomList.MaxRooms}", elsewhere.Rooms[0].Name);
        Assert.DoesNotContain(elsewhere.Rooms, r => r.Name == "room0");
        // The dropped room is counted no more; each other room but the one on screen by one member.
        Assert.Equal(0, ctx.Bus().CountLocalMembers("room0"));
    }

    [Fact]
    public async Task AGuestsReadPlaceIsSavedInItsBrowserAMomentAfterItReadsNotAtEveryMessage()
    {
        var time = new FakeTimeProvider();
        await using var ctx = ChatTestContext.Create(s => s.AddSingleton<TimeProvider>(time));
        var rooms = ctx.Services.GetRequiredService<RoomList>();
        await rooms.EnterAsync("lobby", ReaderNames.None);
        int saved = Saves(ctx).Count;
        var first = await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Grace", "one"));
        var second = await ctx.Bus().GroupSendAsync("lobby", new MessageDraft("Grace", "two"));

        rooms.Read(first, live: true);
        rooms.Read(second, live: true);
        Assert.Equal(saved, Saves(ctx).Count);
        time.Advance(RoomList.SaveDelay);

        await Wait.UntilAsync(() => Saves(ctx).Count > saved, "the read place was saved");
        Assert.Equal(saved + 1, Saves(ctx).Count);
        Assert.Contains($"\"lastRead\":\"{second.Id}\"", Saves(ctx)[^1]);
    }

    private static List<string> Saves(BunitContext ctx) =>
        [.. ctx.JSInterop.Invocations["blazorChat.save"].Where(i => (string?)i.Arguments[0] == BrowserStorage.RoomsKey).Select(i => (string)i.Arguments[1]!)];
}
