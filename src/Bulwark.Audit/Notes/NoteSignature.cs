namespace Bulwark.Audit.Notes;

/// <summary>One signature line of a signed note: the key name, the 4-byte key hash and the signature bytes.</summary>
public sealed record NoteSignature(string Name, uint KeyHash, byte[] Signature);
