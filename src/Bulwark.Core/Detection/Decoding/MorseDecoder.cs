using System.Collections.Frozen;
using System.Text;
using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Morse code: runs of dots and dashes (also ·, •, −, –, _) separated by spaces, with "/" or "|" or three spaces
/// between words. A run of at least 5 codes that decodes to mostly letters becomes a view.
/// </summary>
public sealed class MorseDecoder : ITextDecoder
{
    private static readonly FrozenDictionary<string, char> Codes = new Dictionary<string, char>
    {
        [".-"] = 'a', ["-..."] = 'b', ["-.-."] = 'c', ["-.."] = 'd', ["."] = 'e', ["..-."] = 'f', ["--."] = 'g', ["...."] = 'h',
        [".."] = 'i', [".---"] = 'j', ["-.-"] = 'k', [".-.."] = 'l', ["--"] = 'm', ["-."] = 'n', ["---"] = 'o', [".--."] = 'p',
        ["--.-"] = 'q', [".-."] = 'r', ["..."] = 's', ["-"] = 't', ["..-"] = 'u', ["...-"] = 'v', [".--"] = 'w', ["-..-"] = 'x',
        ["-.--"] = 'y', ["--.."] = 'z', ["-----"] = '0', [".----"] = '1', ["..---"] = '2', ["...--"] = '3', ["....-"] = '4',
        ["....."] = '5', ["-...."] = '6', ["--..."] = '7', ["---.."] = '8', ["----."] = '9', [".-.-.-"] = '.', ["--..--"] = ',',
        ["..--.."] = '?', ["-.-.--"] = '!', ["-..-."] = '/', ["---..."] = ':', [".----."] = '\'',
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public const int MinCodes = 5;

    public string Name => "morse";

    public void Decode(string text, DecodeSink sink)
    {
        if (text.AsSpan().IndexOfAny(".-·•−–_") < 0) return;
        var candidates = 0;
        var i = 0;
        while (i < text.Length && candidates < NormalizationLimits.MaxCandidates && sink.HasRoom)
        {
            if (!IsSymbol(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && (IsSymbol(text[i]) || text[i] is ' ' or '/' or '|' or '\n')) i++;
            var run = text.AsSpan(start, i - start);
            // A sentence's full stop or a hyphen is a run of one or two codes: not worth decoding.
            if (CountCodes(run) < MinCodes) continue;
            var decoded = TryDecode(run, out var codes, out var unknown);
            if (codes < MinCodes) continue;
            candidates++;
            if (decoded is null || unknown * 5 > codes) continue;
            sink.Notes.Add(NormalizationNotes.Morse);
            sink.Add(decoded, Name);
        }
    }

    private static string? TryDecode(ReadOnlySpan<char> run, out int codes, out int unknown)
    {
        codes = 0;
        unknown = 0;
        var sb = new StringBuilder(run.Length / 3 + 1);
        Span<char> code = stackalloc char[8];
        var length = 0;
        var spaces = 0;
        for (var k = 0; k <= run.Length; k++)
        {
            var c = k < run.Length ? run[k] : ' ';
            if (IsSymbol(c))
            {
                if (spaces >= 3 && sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
                spaces = 0;
                if (length < code.Length) code[length] = c is '.' or '·' or '•' ? '.' : '-';
                length++;
                continue;
            }
            if (length > 0)
            {
                codes++;
                if (length <= code.Length && Codes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code[..length], out var letter)) sb.Append(letter);
                else unknown++;
                length = 0;
            }
            if (c is '/' or '|' or '\n') { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); spaces = 0; }
            else spaces++;
        }
        var text = sb.ToString().Trim();
        var letters = 0;
        foreach (var ch in text) if (char.IsAsciiLetter(ch)) letters++;
        return letters >= 4 ? text : null;
    }

    /// <summary>The number of codes (runs of dots and dashes) in a run, as <see cref="TryDecode"/> counts them.</summary>
    private static int CountCodes(ReadOnlySpan<char> run)
    {
        var codes = 0;
        var inCode = false;
        foreach (var c in run)
        {
            var symbol = IsSymbol(c);
            if (symbol && !inCode) codes++;
            inCode = symbol;
        }
        return codes;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsSymbol(char c) => c is '.' or '-' or '·' or '•' or '−' or '–' or '_';
}
