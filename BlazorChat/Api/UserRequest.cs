namespace BlazorChat.Api;

/// <summary>The body of the POSTs that name a user in a room (members, moderators, bans): <c>{"user": "&lt;user name&gt;"}</c>.</summary>
public sealed record UserRequest(string? User);
