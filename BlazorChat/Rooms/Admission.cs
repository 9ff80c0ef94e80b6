namespace BlazorChat.Rooms;

/// <summary>
/// What <see cref="RoomAdmission"/> decided: in, as whom and under which name; or out, and why, in
/// words for the person, and whether it was because the room is private (a page says so).
/// </summary>
public sealed record Admission(ChatIdentity Identity, string Name, AdmissionRefusal? Refusal = null, string? Detail = null, bool PrivateRoom = false)
{
    public bool Admitted => Refusal is null;

    public static Admission Admit(ChatIdentity identity, string name) => new(identity, name);

    public static Admission Refuse(AdmissionRefusal refusal, string detail, bool privateRoom = false) => new(ChatIdentity.Guest, "", refusal, detail, privateRoom);
}
