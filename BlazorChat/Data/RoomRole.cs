namespace BlazorChat.Data;

/// <summary>What a member may do in a room they belong to; each role can do what the ones before it can.</summary>
public enum RoomRole
{
    Member = 0,

    /// <summary>Invites, removes members and bans.</summary>
    Moderator = 1,

    /// <summary>Created the room; also makes and unmakes moderators.</summary>
    Owner = 2,
}
