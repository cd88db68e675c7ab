namespace Bulwark.Gateway.Auditing;

/// <summary>An audit record could not be committed; the caller must not serve an unaudited response.</summary>
public sealed class AuditAppendException(string message, Exception inner) : Exception(message, inner);
