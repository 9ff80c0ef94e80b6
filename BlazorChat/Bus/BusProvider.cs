namespace BlazorChat.Bus;

/// <summary>Which transport carries the group bus (<c>Bus:Provider</c>).</summary>
public enum BusProvider
{
    /// <summary>In process: nothing to install, one instance only.</summary>
    Memory,

    /// <summary>Redis pub/sub and streams: rooms shared by every instance on one Redis.</summary>
    Redis,
}
