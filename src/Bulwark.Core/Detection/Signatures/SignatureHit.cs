namespace Bulwark.Core.Detection.Signatures;

/// <summary>A signature that matched, with the category it counts for (indirect hits count as prompt injection) and its effective weight.</summary>
public readonly record struct SignatureHit(Signature Signature, string Category, double Weight, bool InDecoded, bool InUntrusted);
