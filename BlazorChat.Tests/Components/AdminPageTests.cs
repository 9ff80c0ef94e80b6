using Microsoft.Extensions.Time.Testing;
using BlazorChat.Admin;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Components.Pages;
using BlazorChat.Diagnostics;
using BlazorChat.Tests.Fixtures;
using BlazorChat.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace BlazorChat.Tests.Components;

/// <summary>The admin console on a real memory bus, with real chat sessions in its rooms.</summary>
public sealed class AdminPageTests
{
    private const string Key = "correct-horse-battery-staple";

    private static BunitContext CreateContext(TimeProvider? time = null) => ChatTestContext.Create(services => services
        .AddAdminConsole(new ConfigurationBuilder().AddInMemoryCollection([new("Admin:Key", Key)]).Build())
        .AddSingleton(time ?? TimeProvider.System));

    private static IRenderedComponent<AdminPage> SignIn(BunitContext ctx)
    {
        var cut = ctx.Render<AdminPage>();
        cut.Find("[data-testid=admin-key-input]").Input(Key);
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=admin-counters]")));
        return cut;
    }

    [Fact]
    public async Task AnAccountInTheAdminRoleOpensTheConsoleWithoutTheKeyAndOtherAccountsAreAskedForIt()
    {
        await using var ctx = CreateContext();
        ctx.Authorization().SetAuthorized("grace");
        var asked = ctx.Render<AdminPage>();
        Assert.NotEmpty(asked.FindAll("[data-testid=admin-key-input]"));
        Assert.Empty(asked.FindAll("[data-testid=admin-counters]"));

        ctx.Authorization().SetRoles(BlazorChat.Accounts.AccountsServiceCollectionExtensions.AdminRole);
        var admitted = ctx.Render<AdminPage>();
        admitted.WaitForAssertion(() => Assert.NotEmpty(admitted.FindAll("[data-testid=admin-counters]")));
        Assert.Empty(admitted.FindAll("[data-testid=admin-key-input]"));
    }

    [Fact]
    public async Task AWrongKeyIsRefusedAndTheRightOneOpensTheConsole()
    {
        await using var ctx = CreateContext();
        var cut = ctx.Render<AdminPage>();

        cut.Find("[data-testid=admin-key-input]").Input("not the key");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("That is not the admin key.", cut.Markup), TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll("[data-testid=admin-counters]"));

        cut.Find("[data-testid=admin-key-input]").Input(Key);
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=admin-counters]")));
        Assert.DoesNotContain("That is not the admin key.", cut.Markup);
    }

    [Fact]
    public async Task ParallelWrongKeysAreMostlyRefusedUncheckedAndTheRightKeyWorksOnceTheWindowHasPassed()
    {
        var time = new FakeTimeProvider();
        await using var ctx = CreateContext(time);
        var admin = ctx.Services.GetRequiredService<AdminConsole>();

        // As many circuits as an attacker cares to open, each guessing at once.
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => admin.SignInAsync($"guess number {i:D4}")))).DefaultTimeout();

        Assert.Equal(SignInThrottle.AttemptsPerWindow, results.Count(r => r == AdminSignInResult.WrongKey));
        Assert.Equal(50 - SignInThrottle.AttemptsPerWindow, results.Count(r => r == AdminSignInResult.TooManyAttempts));
        // Past the bound not even the right key is compared, so guessing in parallel gains nothing.
        Assert.Equal(AdminSignInResult.TooManyAttempts, await admin.SignInAsync(Key).DefaultTimeout());

        time.Advance(SignInThrottle.Window);
        Assert.Equal(AdminSignInResult.SignedIn, await admin.SignInAsync(Key).DefaultTimeout());
    }

    [Fact]
    public async Task ASignInPastTheThrottleSaysToWaitRatherThanThatTheKeyIsWrong()
    {
        await using var ctx = CreateContext(new FakeTimeProvider());
        var admin = ctx.Services.GetRequiredService<AdminConsole>();
        await Task.WhenAll(Enumerable.Range(0, SignInThrottle.AttemptsPerWindow).Select(_ => admin.SignInAsync("not the key"))).DefaultTimeout();
        var cut = ctx.Render<AdminPage>();

        cut.Find("[data-testid=admin-key-input]").Input(Key);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Too many sign-in attempts: wait a few seconds", cut.Markup), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("That is not the admin key.", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=admin-counters]"));
    }

    [Fact]
    public async Task ItListsRoomsAndConnectionsAndRemovingAPageTellsThePageWhy()
    {
        await using var ctx = CreateContext();
        await using var scope = ctx.Services.CreateAsyncScope();
        var ada = scope.ServiceProvider.GetRequiredService<ChatSession>();
        Assert.True(await ada.JoinAsync("lobby", "Ada"));

        var cut = SignIn(ctx);
        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=admin-member-row]");
            Assert.Equal(("Ada", "browser", "lobby"), (row.GetAttribute("data-name"), row.GetAttribute("data-kind"), row.GetAttribute("data-room")));
            Assert.Equal("1", cut.Find("[data-testid=admin-room-row][data-room=lobby] [data-testid=admin-room-members]").TextContent);
            // On the memory bus there is one instance to list: this one.
            Assert.Equal("true", Assert.Single(cut.FindAll("[data-testid=admin-instance]")).GetAttribute("data-own"));
        });

        cut.Find("[data-testid=admin-kick-reason]").Input("spamming the lobby");
        cut.Find("[data-testid=admin-kick]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Removed Ada (browser) from lobby.", cut.Find("[data-testid=admin-kick-outcome]").TextContent));
        await Wait.ForStatusAsync(ada, SessionStatus.Dropped, "the page was dropped");
        Assert.Equal("Removed from the room by an administrator: spamming the lobby", ada.State.Detail);
        Assert.Equal(0, ctx.Bus().CountLocalMembers("lobby"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=admin-member-row]")), TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Contains("kicked: 1", cut.Find("[data-testid=admin-drops]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task APostedSystemMessageReachesTheRoomAndTheCountersMove()
    {
        await using var ctx = CreateContext();
        var member = new Bus.TestMember("listener");
        await ctx.Bus().GroupAddAsync("lobby", member);
        var cut = SignIn(ctx);

        cut.Find("[data-testid=admin-post-room]").Input("not a room!");
        cut.Find("[data-testid=admin-post-text]").Input("maintenance at noon");
        cut.Find("[data-testid=admin-post] form").Submit();
        Assert.Contains(GroupName.Rule, cut.Find("[data-testid=admin-post-outcome]").TextContent);
        Assert.False(member.HasPending);

        cut.Find("[data-testid=admin-post-room]").Input("lobby");
        cut.Find("[data-testid=admin-post] form").Submit();

        var message = await member.ReceiveAsync();
        Assert.Equal((MessageKind.System, "maintenance at noon", ""), (message.Kind, message.Text, message.Sender));
        cut.WaitForAssertion(() => Assert.Equal("Posted to lobby.", cut.Find("[data-testid=admin-post-outcome]").TextContent));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=admin-total-sent]").TextContent), TimeSpan.FromSeconds(5));
    }
}
