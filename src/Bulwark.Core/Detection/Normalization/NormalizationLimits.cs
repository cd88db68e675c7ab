namespace Bulwark.Core.Detection.Normalization;

/// <summary>
/// Bounds that keep normalisation linear and small on hostile input. The limits guard refuses oversized requests
/// before normalisation; these bounds make the normaliser safe on its own as well.
/// </summary>
public static class NormalizationLimits
{
    /// <summary>Characters of a text that are normalised at all; the rest is dropped with a "truncated" note.</summary>
    public const int MaxCharacters = 2_000_000;

    /// <summary>Characters of a text that the decoders (base64, hex, rot13, morse…) look at.</summary>
    public const int MaxDecodeCharacters = 65_536;

    /// <summary>How many decoders may be chained (base64 of base64 of base64).</summary>
    public const int MaxDepth = 3;

    /// <summary>Decoded views per normalised text.</summary>
    public const int MaxViews = 16;

    /// <summary>Total characters of all decoded views of one text.</summary>
    public const int MaxViewCharacters = 262_144;

    /// <summary>Encoded candidates one decoder tries in one text.</summary>
    public const int MaxCandidates = 8;

    /// <summary>Characters of one encoded candidate that are decoded.</summary>
    public const int MaxCandidateCharacters = 16_384;

    /// <summary>Bytes of hidden payload (tag characters, variation selectors) that are recovered.</summary>
    public const int MaxHiddenPayload = 16_384;
}
