namespace Bulwark.Gateway.Auditing.Witnesses;

/// <summary>What the gateway last heard from one witness (for the console and /readyz): no content, no keys.</summary>
public sealed record WitnessStatus(string Name, string Url, string Key, long CosignedSize, DateTimeOffset? LastCosigned, string? LastError);
