namespace Bulwark.Core.Detection.Decoding;

/// <summary>The decoders the default <see cref="Normalization.TextNormalizer"/> runs, cheapest and most specific first.</summary>
public static class DefaultDecoders
{
    public static ITextDecoder[] Create() => [];
}
