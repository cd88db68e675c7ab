namespace Bulwark.Detection.Semantic;

/// <summary>
/// Which texts the semantic stage can judge. all-MiniLM-L6-v2 was trained on English; texts mostly in other scripts
/// (Chinese, Arabic, Cyrillic, Devanagari…) embed close together whatever they say, so the semantic stage neither
/// trains on them nor scores them, and the n-gram model (trained on many languages) decides alone.
/// </summary>
public static class SemanticLanguage
{
    /// <summary>Share of letters that must be Latin (U+0000–U+024F) for the encoder to be trusted.</summary>
    public const double MinimumLatinShare = 0.8;

    public static bool Supports(ReadOnlySpan<char> text)
    {
        int letters = 0, latin = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c <= '\u024F') latin++;
        }
        return letters == 0 || latin >= MinimumLatinShare * letters;
    }

    /// <summary>Training rows for the semantic heads: Latin-script text, and English when the row says which language it is.</summary>
    public static bool Trainable(string text, IReadOnlyDictionary<string, string> meta) =>
        Supports(text) && (!meta.TryGetValue("lang", out var lang) || lang is "en" or "");
}
