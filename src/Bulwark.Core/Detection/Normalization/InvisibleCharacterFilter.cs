using System.Text;

namespace Bulwark.Core.Detection.Normalization;

/// <summary>
/// One pass over the text that removes invisible code points and recovers what they smuggle: zero-width
/// characters, bidi controls, soft hyphens, Hangul fillers; tag characters (U+E0000–U+E007F) decoded to the ASCII
/// they spell; runs of variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) decoded as bytes. Lone surrogates
/// become U+FFFD. Legitimate uses are kept quiet: ZWJ inside emoji sequences and in Arabic/Indic scripts, a single
/// emoji presentation selector, subdivision-flag tag sequences, and LRM/RLM/embeddings in right-to-left text.
/// Also folds styled letters that NFKC does not (regional indicators, negative circled and squared letters).
/// </summary>
public static class InvisibleCharacterFilter
{
    public static string Filter(string text, NoteCollector notes, out HiddenPayloads payloads)
    {
        payloads = default;
        if (System.Text.Ascii.IsValid(text)) return text;

        var sb = new StringBuilder(text.Length);
        int zeroWidth = 0, softHyphen = 0, other = 0, bidiOverride = 0, bidiSoft = 0, rtl = 0, lone = 0, styled = 0;
        int tagCount = 0, vsCount = 0;
        StringBuilder? tagText = null;
        List<byte>? vsBytes = null;
        var prevCp = -1;       // last code point kept (or a joiner-relevant one)
        var i = 0;
        var n = text.Length;
        var regionalRun = 0;

        while (i < n)
        {
            int cp;
            int width;
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < n && char.IsLowSurrogate(text[i + 1])) { cp = char.ConvertToUtf32(c, text[i + 1]); width = 2; }
                else { lone++; sb.Append('\uFFFD'); prevCp = 0xFFFD; i++; continue; }
            }
            else if (char.IsLowSurrogate(c)) { lone++; sb.Append('\uFFFD'); prevCp = 0xFFFD; i++; continue; }
            else { cp = c; width = 1; }

            // Tag characters: a run of them.
            if (cp is >= 0xE0000 and <= 0xE007F)
            {
                var start = i;
                var runLength = 0;
                var endsWithCancel = false;
                var j = i;
                while (j + 1 < n && char.IsHighSurrogate(text[j]) && char.IsLowSurrogate(text[j + 1]))
                {
                    var t = char.ConvertToUtf32(text[j], text[j + 1]);
                    if (t is < 0xE0000 or > 0xE007F) break;
                    runLength++;
                    endsWithCancel = t == 0xE007F;
                    j += 2;
                }
                var isFlag = prevCp == 0x1F3F4 && endsWithCancel && runLength <= 8;
                if (!isFlag)
                {
                    tagCount += runLength;
                    tagText ??= new StringBuilder();
                    for (var k = start; k < j && tagText.Length < NormalizationLimits.MaxHiddenPayload; k += 2)
                    {
                        var t = char.ConvertToUtf32(text[k], text[k + 1]) - 0xE0000;
                        if (t is >= 0x20 and <= 0x7E) tagText.Append((char)t);
                    }
                    tagText.Append(' ');
                }
                i = j;
                continue;
            }

            // Variation selectors: a run of them after a base character.
            if (IsVariationSelector(cp))
            {
                var start = i;
                var runLength = 0;
                var j = i;
                while (j < n)
                {
                    int v;
                    int w;
                    if (char.IsHighSurrogate(text[j]) && j + 1 < n && char.IsLowSurrogate(text[j + 1])) { v = char.ConvertToUtf32(text[j], text[j + 1]); w = 2; }
                    else { v = text[j]; w = 1; }
                    if (!IsVariationSelector(v)) break;
                    runLength++;
                    j += w;
                }
                if (runLength >= 2)
                {
                    vsCount += runLength;
                    vsBytes ??= [];
                    for (var k = start; k < j && vsBytes.Count < NormalizationLimits.MaxHiddenPayload;)
                    {
                        int v;
                        if (char.IsHighSurrogate(text[k])) { v = char.ConvertToUtf32(text[k], text[k + 1]); k += 2; }
                        else { v = text[k]; k++; }
                        vsBytes.Add(SelectorByte(v));
                    }
                }
                // A single selector (emoji presentation, ideographic variation) is legitimate: dropped quietly.
                i = j;
                continue;
            }

            switch (cp)
            {
                case 0x200B or 0x2060 or 0x180E or 0x2061 or 0x2062 or 0x2063 or 0x2064:
                    zeroWidth++;
                    i += width;
                    continue;
                case 0xFEFF:
                {
                    // A byte-order mark at the very start is an artefact, and so is one beside a space or punctuation
                    // (wiki coordinate templates put U+FEFF around " / "): only one that splits a word hides anything.
                    var next = NextCodePoint(text, i + 1);
                    if (i != 0 && IsWordCodePoint(prevCp) && IsWordCodePoint(next)) zeroWidth++;
                    i += width;
                    continue;
                }
                case 0x200C or 0x200D:
                {
                    var next = NextCodePoint(text, i + 1);
                    var legit = (cp == 0x200D && (EmojiRanges.IsEmoji(prevCp) || EmojiRanges.IsSkinTone(prevCp) || prevCp is 0xFE0F)
                                    && (EmojiRanges.IsEmoji(next) || next is 0x2640 or 0x2642))
                                || (EmojiRanges.UsesJoiners(prevCp) && EmojiRanges.UsesJoiners(next));
                    if (!legit) zeroWidth++;
                    i += width;
                    continue;
                }
                case 0x00AD:
                    softHyphen++;
                    i += width;
                    continue;
                case 0x200E or 0x200F or 0x061C or 0x202A or 0x202B or 0x202C or 0x2066 or 0x2067 or 0x2068 or 0x2069:
                    bidiSoft++;
                    i += width;
                    continue;
                case 0x202D or 0x202E:
                    bidiOverride++;
                    i += width;
                    continue;
                case 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x17B4 or 0x17B5:
                    other++;
                    i += width;
                    continue;
            }

            if (cp < 0x10000 && ConfusableMap.IsRtlLetter((char)cp)) rtl++;

            // Styled letters NFKC leaves alone: regional indicators, negative circled/squared letters.
            if (EmojiRanges.IsRegionalIndicator(cp))
            {
                regionalRun++;
                if (regionalRun == 6) styled += 6;
                else if (regionalRun > 6) styled++;
                sb.Append((char)('a' + (cp - 0x1F1E6)));
                prevCp = cp;
                i += width;
                continue;
            }
            regionalRun = 0;
            if (cp is >= 0x1F150 and <= 0x1F169 or >= 0x1F170 and <= 0x1F189)
            {
                styled++;
                sb.Append((char)('a' + (cp - (cp >= 0x1F170 ? 0x1F170 : 0x1F150))));
                prevCp = cp;
                i += width;
                continue;
            }
            if (cp is >= 0x1D400 and <= 0x1D7FF or >= 0xFF21 and <= 0xFF3A or >= 0xFF41 and <= 0xFF5A or >= 0x24B6 and <= 0x24E9 or >= 0x1F130 and <= 0x1F149)
                styled++;

            sb.Append(text, i, width);
            prevCp = cp;
            i += width;
        }

        notes.Add(NormalizationNotes.ZeroWidth, zeroWidth);
        notes.Add(NormalizationNotes.SoftHyphen, softHyphen);
        notes.Add(NormalizationNotes.OtherInvisible, other);
        notes.Add(NormalizationNotes.LoneSurrogate, lone);
        notes.Add(NormalizationNotes.StyledLetters, styled);
        // Overrides are always worth a note; marks and embeddings only outside right-to-left text.
        notes.Add(NormalizationNotes.BidiControl, bidiOverride + (rtl == 0 ? bidiSoft : 0));
        if (tagCount > 0) notes.Add(NormalizationNotes.TagChars, tagCount);

        string? vsText = null;
        if (vsBytes is { Count: > 0 })
        {
            vsText = PrintableText.TryDecodeUtf8(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(vsBytes));
            notes.Add(NormalizationNotes.VariationSelectorSmuggling, vsCount);
        }
        var tag = tagText?.ToString().Trim();
        payloads = new HiddenPayloads(string.IsNullOrWhiteSpace(tag) ? null : tag, vsText);
        return sb.ToString();
    }

    private static bool IsVariationSelector(int cp) => cp is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;

    private static byte SelectorByte(int cp) => cp <= 0xFE0F ? (byte)(cp - 0xFE00) : (byte)(cp - 0xE0100 + 16);

    private static int NextCodePoint(string text, int i)
    {
        if (i >= text.Length) return -1;
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) return char.ConvertToUtf32(c, text[i + 1]);
        return c;
    }

    private static bool IsWordCodePoint(int cp) =>
        cp > 0 && cp <= 0x10FFFF && (cp > 0xFFFF ? Rune.IsLetterOrDigit(new Rune(cp)) : char.IsLetterOrDigit((char)cp));
}
