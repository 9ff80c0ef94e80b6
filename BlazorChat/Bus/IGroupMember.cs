using BlazorChat.Chat;

namespace BlazorChat.Bus;

/// <summary>Whatever sits in a room: in the app, a <see cref="Rooms.RoomConnection"/> (a raw socket or a browser tab).</summary>
public interface IGroupMember
{
    string Id { get; }

    /// <summary>
    /// Hands a message to the member without blocking, usually by putting it on its bounded
    /// outbound queue (<see cref="MemberOutbox"/>). False when the member cannot take it: its queue
    /// is full, in which case the member disconnects itself as too slow, or it is already leaving.
    /// </summary>
    bool TryDeliver(ChatMessage message);
}
