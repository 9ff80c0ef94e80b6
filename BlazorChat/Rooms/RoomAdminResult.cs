namespace BlazorChat.Rooms;

/// <summary>An outcome of <see cref="RoomAdmin"/>, with the words that say why to the caller.</summary>
public sealed record RoomAdminResult(RoomAdminOutcome Outcome, string Detail)
{
    public static RoomAdminResult Done { get; } = new(RoomAdminOutcome.Done, "");

    public static RoomAdminResult NotFound(string detail) => new(RoomAdminOutcome.NotFound, detail);

    public static RoomAdminResult NotAllowed(string detail) => new(RoomAdminOutcome.NotAllowed, detail);

    public static RoomAdminResult Conflict(string detail) => new(RoomAdminOutcome.Conflict, detail);
}
