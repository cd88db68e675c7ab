using System.Globalization;
using System.Text;

namespace Bulwark.Core.Detection.Normalization;

/// <summary>
/// Folds look-alike letters to ASCII and reports mixed-script words. A word that mixes Latin with Cyrillic, Greek or
/// Armenian letters is suspicious ("mixed_script") and is folded; a word made only of look-alikes is folded when the
/// text is mostly Latin ("confusables"). A genuinely Russian or Greek sentence is left alone. Also strips accents from
/// Latin letters and combining marks stacked on ASCII letters (so that "ïgnörë" scans as "ignore").
/// </summary>
public static class ScriptFolder
{
    public static string Fold(string text, NoteCollector notes)
    {
        if (System.Text.Ascii.IsValid(text)) return text;

        int latin = 0, cyrGreek = 0;
        foreach (var c in text)
        {
            if (ConfusableMap.IsLatinLetter(c)) latin++;
            else if (IsLookAlikeScript(c)) cyrGreek++;
        }
        var latinDominant = latin > 0 && latin >= 2 * cyrGreek;

        var sb = new StringBuilder(text.Length);
        int mixedWords = 0, confusableWords = 0, combining = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!IsWordChar(c))
            {
                sb.Append(c);
                i++;
                continue;
            }

            var start = i;
            bool hasLatin = false, hasOther = false, allMappable = true;
            while (i < text.Length && IsWordChar(text[i]))
            {
                var w = text[i];
                if (ConfusableMap.IsLatinLetter(w)) hasLatin = true;
                else if (IsLookAlikeScript(w))
                {
                    hasOther = true;
                    if (ConfusableMap.Fold(w) == '\0' && char.IsLetter(w)) allMappable = false;
                }
                i++;
            }

            var mixed = hasLatin && hasOther;
            var foldScript = mixed || (hasOther && !hasLatin && allMappable && latinDominant && i - start >= 2);
            if (mixed) mixedWords++;
            else if (foldScript) confusableWords++;

            var lastBaseAscii = false;
            for (var k = start; k < i; k++)
            {
                var w = text[k];
                if (w < 0x80) { sb.Append(w); lastBaseAscii = true; continue; }
                if (CharUnicodeInfo.GetUnicodeCategory(w) == UnicodeCategory.NonSpacingMark)
                {
                    // Drop marks stacked on ASCII letters; keep them elsewhere (Devanagari, Hebrew points…).
                    if (lastBaseAscii) { combining++; continue; }
                    sb.Append(w);
                    continue;
                }
                var accentless = ConfusableMap.StripAccent(w);
                if (accentless != '\0') { sb.Append(accentless); lastBaseAscii = true; continue; }
                var mapped = ConfusableMap.Fold(w);
                if (mapped != '\0' && (!IsLookAlikeScript(w) || foldScript))
                {
                    sb.Append(mapped);
                    lastBaseAscii = true;
                    continue;
                }
                sb.Append(w);
                lastBaseAscii = false;
            }
        }

        notes.Add(NormalizationNotes.MixedScript, mixedWords);
        notes.Add(NormalizationNotes.Confusables, confusableWords);
        if (combining >= 3) notes.Add(NormalizationNotes.CombiningMarks, combining);
        return sb.ToString();
    }

    private static bool IsLookAlikeScript(char c) => ConfusableMap.IsCyrillic(c) || ConfusableMap.IsGreek(c) || ConfusableMap.IsArmenian(c);

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || (c >= 0x300 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark);
}
