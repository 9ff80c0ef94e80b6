namespace BlazorChat.Rooms;

/// <summary>What <see cref="RoomAdmission"/> decided: in, as whom and under which name; or out, and why, in words for the person.</summary>
public sealed record Admission(ChatIdentity Identity, string Name, AdmissionRefusal? Refusal = null, string? Detail = null)
{
    public bool Admitted => Refusal is null;

    public static Admission Admit(ChatIdentity identity, string name) => new(identity, name);

    public static Admission Refuse(AdmissionRefusal refusal, string detail) => new(ChatIdentity.Guest, "", refusal, detail);
}
