namespace Bulwark.Core.Guards;

/// <summary>Text recovered from an encoding or a hiding trick, and the chain of decoders that recovered it.</summary>
public sealed record DecodedText(string Text, string Derivation);
