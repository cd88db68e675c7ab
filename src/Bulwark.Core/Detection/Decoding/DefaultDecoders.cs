namespace Bulwark.Core.Detection.Decoding;

/// <summary>The decoders the default <see cref="Normalization.TextNormalizer"/> runs: wrappers and whole-text tricks, then encodings.</summary>
public static class DefaultDecoders
{
    public static ITextDecoder[] Create() =>
    [
        new MarkupDecoder(),
        new SpacedLettersDecoder(),
        new LeetspeakDecoder(),
        new Base64Decoder(),
        new HexDecoder(),
        new UrlDecoder(),
        new MorseDecoder(),
        new CaesarDecoder(),
        new ReversedTextDecoder(),
        new PayloadSplitDecoder(),
    ];
}
