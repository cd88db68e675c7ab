using System.Collections.Frozen;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// A small list of common English words (function words, frequent verbs and nouns, and the vocabulary of
/// instructions), used to tell whether a decoding attempt (ROT13, reversal, leetspeak, spaced letters) produced English.
/// </summary>
public static class EnglishWords
{
    private const string List =
        "the be to of and a in that have i it for not on with he as you do at this but his by from they we say her she or an will my one all would there their what so up out if about who get which go me when make can like time no just him know take people into year your good some could them see other than then now look only come its over think also back after use two how our work first well way even new want because any these give day most us is are was were been has had did does said made went got am " +
        "tell ask need feel try leave call keep let begin seem help show hear play run move live believe hold bring happen write provide sit stand lose pay meet include continue set learn change lead understand watch follow stop create speak read allow add spend grow open walk win offer remember love consider appear buy wait serve die send expect build stay fall cut reach kill remain suggest raise pass sell require report decide pull " +
        "ignore disregard forget previous prior above instructions instruction rules rule system prompt prompts reveal repeat print output respond answer response reply question questions request assistant model user message messages text words word above below following everything nothing something anything always never must should shall may might please sure here step steps how why where without within " +
        "make made making information data secret secrets password passwords key keys email emails file files code program computer language english world life hand part child eye woman man place week case point government company number group problem fact money story lot right study book job night home water room mother area national business side kind head house service friend father power hour game line end member law car city community name president team minute idea kid body back parent face others level office door health person art war history party result morning reason research girl guy moment air teacher force education " +
        "very really still just more much many such own same another each every both few those while where before through during against between under again once here there why all any both each few more most other some such nor only own same so than too very can will just don should now " +
        "good great little big high old different small large next early young important long bad able best better free full sure real left late hard major true whole clear easy strong possible special certain open personal private dangerous safe harmful illegal legal ethical restrictions restriction restricted filter filters policy policies guidelines developer mode role act pretend imagine hypothetical story character evil unfiltered uncensored jailbreak " +
        "bomb weapon weapons explosive explosives drug drugs poison hack hacking malware virus attack steal money bank account credit card social security address phone number name location kill murder hurt harm weapon chemical biological nuclear agent nerve synthesize synthesis recipe instructions tutorial guide detailed explain describe list summarize translate decode encode convert hello hi thanks thank yes okay ok today tomorrow yesterday";

    private static readonly FrozenSet<string> Words = List.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    public const int MaxWordLength = 16;

    /// <summary>True when the lower-case ASCII word is in the list.</summary>
    public static bool Contains(ReadOnlySpan<char> lowerWord) => lowerWord.Length is > 0 and <= MaxWordLength && Lookup.Contains(lowerWord);

    /// <summary>
    /// Counts the words of at least two letters in the first <paramref name="maxChars"/> characters of the text, and
    /// how many of them are English, optionally after a Caesar shift of <paramref name="shift"/> letters.
    /// </summary>
    public static (int Words, int English) Count(ReadOnlySpan<char> text, int maxChars = 2048, int shift = 0)
    {
        if (text.Length > maxChars) text = text[..maxChars];
        Span<char> word = stackalloc char[MaxWordLength];
        int words = 0, english = 0, length = 0;
        var tooLong = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsAsciiLetter(c))
            {
                if (length < MaxWordLength) word[length] = Shift((char)(c | 0x20), shift);
                else tooLong = true;
                length++;
                continue;
            }
            if (length >= 2)
            {
                words++;
                if (!tooLong && Contains(word[..length])) english++;
            }
            length = 0;
            tooLong = false;
        }
        return (words, english);
    }

    [ThreadStatic] private static string? _lastText;
    [ThreadStatic] private static int _lastMaxChars;
    [ThreadStatic] private static (int Words, int English) _lastCount;

    /// <summary>
    /// <see cref="Count"/> without a shift, remembering the answer for the last text on this thread: the Caesar and the
    /// reversal decoders both ask it about the same text, one after the other.
    /// </summary>
    public static (int Words, int English) CountUnshifted(string text, int maxChars)
    {
        if (ReferenceEquals(text, _lastText) && maxChars == _lastMaxChars) return _lastCount;
        var count = Count(text, maxChars);
        _lastText = text;
        _lastMaxChars = maxChars;
        _lastCount = count;
        return count;
    }

    /// <summary>Shifts a lower-case ASCII letter back by <paramref name="shift"/> places (decoding a Caesar cipher).</summary>
    public static char Shift(char lower, int shift) =>
        shift == 0 ? lower : (char)('a' + ((lower - 'a' - shift + 26) % 26));
}
