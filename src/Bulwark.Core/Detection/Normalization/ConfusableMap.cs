using System.Collections.Frozen;

namespace Bulwark.Core.Detection.Normalization;

/// <summary>
/// A compact, hand-written table of the common look-alikes that NFKC does not fold: Cyrillic, Greek and Armenian
/// letters that look Latin, Latin small capitals and IPA variants. Mathematical alphanumerics and fullwidth forms
/// are folded by NFKC itself. Also a table of Latin-1/Latin Extended-A letters to their unaccented base.
/// </summary>
public static class ConfusableMap
{
    private static readonly FrozenDictionary<char, char> Map = Build();
    private static readonly char[] BaseLetters = BuildBaseLetters();

    /// <summary>The ASCII letter <paramref name="c"/> looks like, or '\0'.</summary>
    public static char Fold(char c) => c < 0x80 ? '\0' : Map.TryGetValue(c, out var a) ? a : '\0';

    /// <summary>For accented Latin letters (U+00C0–U+017F), the unaccented ASCII letter; otherwise '\0'.</summary>
    public static char StripAccent(char c) => c is >= '\u00C0' and < '\u0180' ? BaseLetters[c - 0xC0] : '\0';

    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u052F';

    public static bool IsGreek(char c) => c is >= '\u0370' and <= '\u03FF';

    public static bool IsArmenian(char c) => c is >= '\u0530' and <= '\u058F';

    /// <summary>Latin letters: ASCII, Latin-1 and Extended, IPA and phonetic extensions, Latin Extended-D.</summary>
    public static bool IsLatinLetter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
        || (c is >= '\u00C0' and <= '\u02AF' && c != '\u00D7' && c != '\u00F7')
        || c is >= '\u1D00' and <= '\u1D7F'
        || c is >= '\uA720' and <= '\uA7FF';

    /// <summary>Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms).</summary>
    public static bool IsRtlLetter(char c) =>
        c is >= '\u0590' and <= '\u08FF' || c is >= '\uFB1D' and <= '\uFDFF' || c is >= '\uFE70' and <= '\uFEFC';

    private static FrozenDictionary<char, char> Build()
    {
        var d = new Dictionary<char, char>();
        void Add(string from, string to)
        {
            for (var i = 0; i < from.Length; i++) d[from[i]] = to[i];
        }
        // Cyrillic look-alikes.
        Add("аеорсухѕіјԁԛԝѵүһӏвкмнтɡ", "aeopcyxsijdqwvyhlbkmhtg");
        Add("АВЕКМНОРСТХУЅІЈԚԜҮҺӀ", "ABEKMHOPCTXYSIJQWYHI");
        // Greek look-alikes.
        Add("αοριυχγωνκτεβ", "aopiuxywvkteb");
        Add("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX");
        // Armenian look-alikes.
        Add("օսհոց", "ouhng");
        // Latin small capitals and IPA variants.
        Add("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡʏᴢıɑɩǀ", "abcdefghijklmnopqrstuvwyziail");
        return d.ToFrozenDictionary();
    }

    private static char[] BuildBaseLetters()
    {
        var table = new char[0x180 - 0xC0];
        for (var c = 0xC0; c < 0x180; c++)
        {
            var decomposed = ((char)c).ToString().Normalize(System.Text.NormalizationForm.FormD);
            var first = decomposed[0];
            table[c - 0xC0] = first < 0x80 && char.IsAsciiLetter(first) ? first : '\0';
        }
        return table;
    }
}
