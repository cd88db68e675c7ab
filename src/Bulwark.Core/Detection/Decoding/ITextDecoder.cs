namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Recovers hidden text from a text (an encoded payload inside it, or a view of the whole text with a trick undone).
/// Must be bounded in time and memory and must not throw: it reports what it found to the <see cref="DecodeSink"/>.
/// </summary>
public interface ITextDecoder
{
    /// <summary>The derivation step name ("base64", "rot13", "leet"…).</summary>
    string Name { get; }

    /// <summary>False for decoders that make no sense applied twice in a row (reversing a reversed text).</summary>
    bool MayRepeat => false;

    void Decode(string text, DecodeSink sink);
}
