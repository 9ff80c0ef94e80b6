namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// One app on the memory bus shared by a test class; each test uses rooms of its own. It allows
/// one extra origin, <see cref="FriendOrigin"/>, for the cross-site checks.
/// </summary>
public sealed class ChatServerFixture : IAsyncLifetime
{
    public const string FriendOrigin = "https://friend.example";

    public ChatServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // Every test of the class opens its sockets from loopback: the join rate is off (LimitsTests tests it).
        Server = ChatServer.Start(new Dictionary<string, string?> { ["AllowedOrigins:0"] = FriendOrigin, ["Limits:JoinsPerMinute"] = "0" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
