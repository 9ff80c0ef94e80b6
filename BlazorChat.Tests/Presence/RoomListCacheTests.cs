using System.Net;
using BlazorChat.Components.Pages;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using BlazorChat.Tests.Components;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Presence;

/// <summary>One room list per instance, read at most once per refresh however many home pages and API callers want it.</summary>
public sealed class RoomListCacheTests
{
    [Fact]
    public async Task ManyHomePagesShareOneReadOfTheRoomListPerRefresh()
    {
        var time = new FakeTimeProvider();
        var store = new CountingPresenceStore(new MemoryPresenceStore());
        await store.AddAsync("lobby", Entry("ada"));
        await using var ctx = ChatTestContext.Create(s => s.AddSingleton<TimeProvider>(time).AddSingleton<IPresenceStore>(store));

        var pages = Enumerable.Range(0, 20).Select(_ => ctx.Render<Home>()).ToList();
        foreach (var page in pages)
        {
            page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=room-link][data-room=lobby]")));
        }

        Assert.Equal(1, store.RoomReads);

        // A new room shows on every page at the next refresh, for one more read in all.
        await store.AddAsync("kitchen", Entry("grace"));
        time.Advance(RoomListCache.Refresh);
        foreach (var page in pages)
        {
            page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=room-link][data-room=kitchen]")));
        }

        Assert.Equal(2, store.RoomReads);
    }

    [Fact]
    public async Task ManyApiCallsWithinTheRefreshShareOneRead()
    {
        var time = new FakeTimeProvider();
        var store = new CountingPresenceStore(new MemoryPresenceStore());
        await store.AddAsync("lobby", Entry("ada"));
        await using var server = ChatServer.Start(services: s => s.AddSingleton<TimeProvider>(time).AddSingleton<IPresenceStore>(store));
        using var http = server.CreateHttpClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => http.GetAsync("/api/rooms"))).DefaultTimeout();
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())), body => Assert.Equal("""[{"group":"lobby","members":1}]""", body));
        Assert.Equal(1, store.RoomReads);

        await store.AddAsync("kitchen", Entry("grace"));
        Assert.DoesNotContain("kitchen", await http.GetStringAsync("/api/rooms"));
        time.Advance(RoomListCache.Refresh);
        Assert.Contains("kitchen", await http.GetStringAsync("/api/rooms"));
        Assert.Equal(2, store.RoomReads);
    }

    private static PresenceEntry Entry(string name) => new(Guid.NewGuid().ToString("N"), name, ConnectionKind.Socket, DateTimeOffset.UtcNow);
}
