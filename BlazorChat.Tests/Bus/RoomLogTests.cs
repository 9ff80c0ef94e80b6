using BlazorChat.Bus;
using BlazorChat.Chat;

namespace BlazorChat.Tests.Bus;

public sealed class RoomLogTests
{
    private static ChatMessage Numbered(RoomLog log, string text)
    {
        var message = new ChatMessage($"{log.Next()}", "room", "ada", text, DateTimeOffset.UnixEpoch, MessageKind.Message);
        log.Keep(message, now: 0);
        return message;
    }

    [Fact]
    public void ARoomThatSawOneMessageHoldsASmallRingNotItsWholeLength()
    {
        var log = new RoomLog(capacity: 1000, createdAt: 0);
        Numbered(log, "only");

        Assert.Equal(8, log.Slots);
        Assert.Equal(["only"], log.Read(null, 50).Messages.Select(m => m.Text));
    }

    [Fact]
    public void TheRingDoublesUpToItsCapacityAndKeepsEveryMessageInOrderThroughTheGrowthAndTheWrap()
    {
        var log = new RoomLog(capacity: 20, createdAt: 0);
        for (int i = 1; i <= 9; i++)
        {
            Numbered(log, $"{i}");
        }

        Assert.Equal(16, log.Slots);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"{i}"), log.Read(null, 50).Messages.Select(m => m.Text));

        for (int i = 10; i <= 45; i++)
        {
            Numbered(log, $"{i}");
        }

        Assert.Equal(20, log.Slots);
        Assert.Equal(Enumerable.Range(26, 20).Select(i => $"{i}"), log.Read(null, 50).Messages.Select(m => m.Text));
        var after = log.Read(after: 30, limit: 5);
        Assert.Equal(["31", "32", "33", "34", "35"], after.Messages.Select(m => m.Text));
        Assert.True(after.Recovered);
        Assert.False(log.Read(after: 10, limit: 5).Recovered);
    }
}
