using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Rooms;

/// <summary>
/// What one account may make of rooms created through <c>POST /api/rooms</c>, so nobody can grow
/// the tables (or the cache of them, <see cref="RoomAccess"/>) without bound. In appsettings.json:
/// <code>"Rooms": { "MaxPerUser": 50, "MaxMembersPerRoom": 1000, "MaxBansPerRoom": 1000 }</code>
/// </summary>
public sealed class RoomsOptions
{
    public const string SectionName = "Rooms";

    /// <summary>Rooms one account may own at once.</summary>
    [Range(1, 10_000, ErrorMessage = "Rooms:MaxPerUser must be between 1 and 10000.")]
    public int MaxPerUser { get; set; } = 50;

    /// <summary>Members (the owner and moderators included) one room may have.</summary>
    [Range(1, 100_000, ErrorMessage = "Rooms:MaxMembersPerRoom must be between 1 and 100000.")]
    public int MaxMembersPerRoom { get; set; } = 1000;

    /// <summary>Users one room may have banned at once.</summary>
    [Range(1, 100_000, ErrorMessage = "Rooms:MaxBansPerRoom must be between 1 and 100000.")]
    public int MaxBansPerRoom { get; set; } = 1000;
}
