namespace Bulwark.Core.Detection.Normalization;

/// <summary>
/// The note names the <see cref="TextNormalizer"/> emits (alone, or as <c>name:count</c>). They name what was
/// undone and never contain scanned text.
/// </summary>
public static class NormalizationNotes
{
    public const string ZeroWidth = "invisible:zero_width";
    public const string SoftHyphen = "invisible:soft_hyphen";
    public const string OtherInvisible = "invisible:other";
    public const string BidiControl = "bidi_control";
    public const string TagChars = "tag_chars";
    public const string VariationSelectorSmuggling = "variation_selector_smuggling";
    public const string Confusables = "confusables";
    public const string MixedScript = "mixed_script";
    public const string StyledLetters = "styled_letters";
    public const string CombiningMarks = "combining_marks";
    public const string LoneSurrogate = "lone_surrogate";
    public const string Leetspeak = "leetspeak";
    public const string SpacedLetters = "spaced_letters";
    public const string Reversed = "reversed";
    public const string Base64 = "base64";
    public const string Hex = "hex";
    public const string Url = "url";
    public const string Rot13 = "rot13";
    public const string Caesar = "caesar";
    public const string Morse = "morse";
    public const string MarkdownWrapper = "markdown_wrapper";
    public const string HtmlWrapper = "html_wrapper";
    public const string HtmlComment = "html_comment";
    public const string CodeFence = "code_fence";
    public const string Truncated = "truncated";
    public const string DecodeTruncated = "decode_truncated";
    public const string DecodeBudget = "decode_budget";
    public const string PayloadSplit = "payload_split";
    public const string NormalizationFailed = "nfkc_failed";

    /// <summary>Splits a note into its name and count (1 when the note carries no count).</summary>
    public static (string Name, int Count) Parse(string note)
    {
        var colon = note.LastIndexOf(':');
        if (colon > 0 && colon < note.Length - 1 && int.TryParse(note.AsSpan(colon + 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            return (note[..colon], count);
        }
        return (note, 1);
    }
}
