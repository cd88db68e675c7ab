namespace Bulwark.Core.Detection.Normalization;

/// <summary>Code points that take part in emoji sequences (so that a ZWJ or a variation selector next to them is legitimate).</summary>
public static class EmojiRanges
{
    public static bool IsEmoji(int cp) =>
        cp is >= 0x1F000 and <= 0x1FAFF
        || cp is >= 0x2600 and <= 0x27BF
        || cp is >= 0x2300 and <= 0x23FF
        || cp is >= 0x2B00 and <= 0x2BFF
        || cp is >= 0x2190 and <= 0x21FF
        || cp is 0x00A9 or 0x00AE or 0x203C or 0x2049 or 0x2122 or 0x2139 or 0x3030 or 0x303D or 0x3297 or 0x3299
        || cp is 0x2640 or 0x2642 or 0x2695 or 0x2696 or 0x2708 or 0x2764;

    /// <summary>Skin-tone modifiers, which follow an emoji inside a ZWJ sequence.</summary>
    public static bool IsSkinTone(int cp) => cp is >= 0x1F3FB and <= 0x1F3FF;

    public static bool IsRegionalIndicator(int cp) => cp is >= 0x1F1E6 and <= 0x1F1FF;

    /// <summary>Scripts whose orthography uses ZWJ/ZWNJ between letters (Arabic, Persian, Indic, Sinhala…).</summary>
    public static bool UsesJoiners(int cp) =>
        cp is >= 0x0600 and <= 0x06FF || cp is >= 0x0750 and <= 0x077F || cp is >= 0x0900 and <= 0x0DFF || cp is >= 0xFB50 and <= 0xFDFF;
}
