namespace Bulwark.Gateway.Access;

/// <summary>An access change could not be audited, so it was not made.</summary>
public sealed class AuditUnavailableException(string message) : Exception(message);
