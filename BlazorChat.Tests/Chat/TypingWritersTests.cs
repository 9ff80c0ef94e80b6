using BlazorChat.Chat;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using Microsoft.Extensions.Time.Testing;

namespace BlazorChat.Tests.Chat;

/// <summary>Who a page shows as writing, on a fake clock.</summary>
public sealed class TypingWritersTests : IDisposable
{
    private const string OwnOrigin = "this-page";

    private readonly FakeTimeProvider _time = new();
    private readonly TypingWriters _writers;
    private int _changes;

    public TypingWritersTests()
    {
        _writers = new TypingWriters(_time, message => message.Origin == OwnOrigin);
        _writers.Changed += () => _changes++;
    }

    public void Dispose() => _writers.Dispose();

    [Fact]
    public void AWriterIsShownUntilALifetimePassesWithoutAnotherSignal()
    {
        _writers.Observe(Typing("Ada", origin: "ada"));
        Assert.Equal(["Ada"], _writers.Names);

        _time.Advance(TypingWriters.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["Ada"], _writers.Names);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(_writers.Names);
        Assert.Equal(2, _changes);
    }

    [Fact]
    public void AWriterWhoKeepsSignallingStaysWithoutAChangeEachTime()
    {
        _writers.Observe(Typing("Ada", origin: "ada"));
        for (int i = 0; i < 5; i++)
        {
            _time.Advance(TypingSignals.Interval);
            _writers.Observe(Typing("Ada", origin: "ada"));
        }

        Assert.Equal(["Ada"], _writers.Names);
        Assert.Equal(1, _changes);

        // The timer set for the first signal fired and found her still writing; the last one ends her.
        _time.Advance(TypingWriters.Lifetime);
        Assert.Empty(_writers.Names);
        Assert.Equal(2, _changes);
    }

    [Fact]
    public void EachWriterRunsOutOnTheirOwnClock()
    {
        _writers.Observe(Typing("Ada", origin: "ada"));
        _time.Advance(TimeSpan.FromSeconds(1));
        _writers.Observe(Typing("Bob", origin: "bob"));

        _time.Advance(TypingWriters.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(["Bob"], _writers.Names);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(_writers.Names);
    }

    [Fact]
    public void TheirMessageEndsTheirTypingAtOnce()
    {
        _writers.Observe(Typing("Ada", origin: "ada"));
        _writers.Observe(Typing("Bob", origin: "bob"));

        _writers.Observe(Said("Ada", origin: "ada"));

        Assert.Equal(["Bob"], _writers.Names);
        Assert.Equal(3, _changes);
    }

    [Fact]
    public void AMessageUnderTheSameNameFromAnotherGuestEndsNothing()
    {
        _writers.Observe(Typing("Ada", origin: "ada-1"));

        _writers.Observe(Said("Ada", origin: "ada-2"));

        Assert.Equal(["Ada"], _writers.Names);
    }

    [Fact]
    public void TwoGuestsUnderOneNameAreTwoWriters()
    {
        _writers.Observe(Typing("Ada", origin: "ada-1"));
        _writers.Observe(Typing("Ada", origin: "ada-2"));

        Assert.Equal(["Ada", "Ada"], _writers.Names);
    }

    [Fact]
    public void AnAccountIsOneWriterInAllItsTabsAndItsMessageFromAnyEndsIt()
    {
        _writers.Observe(Typing("Ada Lovelace", origin: "tab-1", user: "ada"));
        _writers.Observe(Typing("Ada Lovelace", origin: "tab-2", user: "ada"));
        Assert.Equal(["Ada Lovelace"], _writers.Names);

        _writers.Observe(Said("Ada Lovelace", origin: "tab-3", user: "ada"));
        Assert.Empty(_writers.Names);
    }

    [Fact]
    public void ThePagesOwnSignalsAreNeverShown()
    {
        _writers.Observe(Typing("Me", origin: OwnOrigin));

        Assert.Empty(_writers.Names);
        Assert.Equal(0, _changes);
    }

    [Fact]
    public void LeavingEndsTheirTyping()
    {
        _writers.Observe(Typing("Ada", origin: "ada"));
        _writers.Observe(Typing("Bob", origin: "bob"));

        _writers.Observe(RoomPresence.LeaveEvent(new PresenceEntry("ada", "Ada", ConnectionKind.Browser, _time.GetUtcNow())).ToMessage("", "lobby", _time.GetUtcNow()));

        Assert.Equal(["Bob"], _writers.Names);
    }

    [Fact]
    public void PastTheLimitTheRoomIsCrowdedUntilThoseSignalsRunOut()
    {
        for (int i = 0; i < TypingWriters.MaxTracked; i++)
        {
            _writers.Observe(Typing($"guest{i}", origin: $"g{i}"));
        }

        Assert.False(_writers.Crowded);
        _time.Advance(TimeSpan.FromSeconds(1));
        _writers.Observe(Typing("one too many", origin: "extra"));

        Assert.True(_writers.Crowded);
        Assert.Equal(TypingWriters.MaxTracked, _writers.Names.Count);
        Assert.DoesNotContain("one too many", _writers.Names);

        // The first fifty run out first; the last one's signal keeps the room crowded a second longer.
        _time.Advance(TypingWriters.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Empty(_writers.Names);
        Assert.True(_writers.Crowded);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_writers.Crowded);
    }

    [Fact]
    public void ClearingForgetsEveryone()
    {
        _writers.Observe(Typing("Ada", origin: "ada"));

        _writers.Clear();

        Assert.Empty(_writers.Names);
        Assert.Equal(2, _changes);
    }

    private ChatMessage Typing(string name, string origin, string? user = null) =>
        new MessageDraft(name, "", MessageKind.Typing, User: user, Origin: origin).ToMessage("", "lobby", _time.GetUtcNow());

    private ChatMessage Said(string name, string origin, string? user = null) =>
        new MessageDraft(name, "hello", User: user, Origin: origin).ToMessage("1", "lobby", _time.GetUtcNow());
}
