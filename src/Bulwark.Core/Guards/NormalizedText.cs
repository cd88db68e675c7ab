namespace Bulwark.Core.Guards;

/// <summary>
/// The normalised form of a text, the hidden texts decoded from it (each with how it was decoded), and
/// notes on what was undone (for example "invisible:zero_width:12", "confusables", "tag_chars").
/// </summary>
public sealed record NormalizedText(string Text, IReadOnlyList<DecodedText> Decoded, IReadOnlyList<string> Notes)
{
    public static NormalizedText Identity(string text) => new(text, [], []);
}
