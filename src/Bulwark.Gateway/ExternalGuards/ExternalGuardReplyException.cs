namespace Bulwark.Gateway.ExternalGuards;

/// <summary>A guard model's reply that is not its published format: a guard error (the policy's OnGuardError), never "safe".</summary>
public sealed class ExternalGuardReplyException(string message) : Exception(message);
