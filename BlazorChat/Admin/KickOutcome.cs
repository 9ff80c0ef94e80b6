namespace BlazorChat.Admin;

/// <summary>What became of an administrator's removal of a connection.</summary>
public enum KickOutcome
{
    /// <summary>Removed here, at once.</summary>
    Removed,

    /// <summary>It had already left this instance.</summary>
    AlreadyLeft,

    /// <summary>Sent to the instance that holds it, which removes it if it is still there.</summary>
    Requested,

    /// <summary>The bus could not carry the removal to the instance that holds it.</summary>
    Unreachable,
}
