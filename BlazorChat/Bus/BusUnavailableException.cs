namespace BlazorChat.Bus;

/// <summary>The bus's transport (Redis) could not carry out an operation; nothing was delivered.</summary>
public sealed class BusUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
