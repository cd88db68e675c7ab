using System.Text;
using Bulwark.Core.Detection.Decoding;
using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Normalization;

/// <summary>
/// The normaliser: strips and reports invisible characters (recovering what tag characters and variation selectors
/// smuggle), applies NFKC, folds confusables, lower-cases for scanning, and runs the decoders (base64, hex, URL,
/// ROT13/Caesar, Morse, reversed, leetspeak, spaced letters, markup) recursively up to
/// <see cref="NormalizationLimits.MaxDepth"/>, within the view budgets of <see cref="NormalizationLimits"/>.
/// Thread-safe and allocation-light; never throws on any input. There is no shared instance: hosts register one as a
/// DI singleton (<c>AddCoreGuards</c>) and other callers create and pass their own.
/// </summary>
public sealed class TextNormalizer : ITextNormalizer
{
    private readonly ITextDecoder[] _decoders;

    public TextNormalizer() : this(DefaultDecoders.Create())
    {
    }

    public TextNormalizer(IEnumerable<ITextDecoder> decoders)
    {
        _decoders = decoders.ToArray();
    }

    public NormalizedText Normalize(string text)
    {
        text ??= "";
        var notes = new NoteCollector();
        if (text.Length > NormalizationLimits.MaxCharacters)
        {
            notes.Add(NormalizationNotes.Truncated);
            text = text[..NormalizationLimits.MaxCharacters];
        }

        var clean = Clean(text, notes, out var hidden);
        var scan = clean.ToLowerInvariant();
        var views = new List<DecodedText>();
        var viewCharacters = 0;
        var queue = new Queue<(string Clean, string Derivation, string LastStep, int Depth)>();

        if (hidden.TagText is { } tagText) AddView(tagText, "tag_chars", 1);
        if (hidden.VariationSelectorText is { } vsText) AddView(vsText, "variation_selectors", 1);

        if (_decoders.Length > 0)
        {
            queue.Enqueue((clean, "", "", 0));
            var sink = new DecodeSink(notes);
            while (queue.Count > 0 && views.Count < NormalizationLimits.MaxViews)
            {
                var (current, derivation, lastStep, depth) = queue.Dequeue();
                if (depth >= NormalizationLimits.MaxDepth) continue;
                var input = current;
                if (input.Length > NormalizationLimits.MaxDecodeCharacters)
                {
                    notes.Add(NormalizationNotes.DecodeTruncated);
                    input = input[..NormalizationLimits.MaxDecodeCharacters];
                }
                foreach (var decoder in _decoders)
                {
                    if (!decoder.MayRepeat && decoder.Name == lastStep) continue;
                    sink.Clear();
                    decoder.Decode(input, sink);
                    foreach (var (decoded, step) in sink.Items)
                    {
                        var chain = derivation.Length == 0 ? step : derivation + ">" + step;
                        AddView(decoded, chain, depth + 1, step);
                        if (views.Count >= NormalizationLimits.MaxViews) break;
                    }
                }
            }
            if (queue.Count > 0) notes.Add(NormalizationNotes.DecodeBudget);
        }

        return new NormalizedText(scan, views.Count == 0 ? [] : views.ToArray(), notes.ToArray());

        void AddView(string raw, string chain, int depth, string? step = null)
        {
            if (views.Count >= NormalizationLimits.MaxViews) { notes.Add(NormalizationNotes.DecodeBudget); return; }
            if (raw.Length > NormalizationLimits.MaxDecodeCharacters) raw = raw[..NormalizationLimits.MaxDecodeCharacters];
            if (viewCharacters + raw.Length > NormalizationLimits.MaxViewCharacters) { notes.Add(NormalizationNotes.DecodeBudget); return; }
            var cleanView = Clean(raw, notes, out var nested);
            var scanView = cleanView.ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(scanView) || scanView == scan) return;
            foreach (var v in views)
            {
                if (v.Text == scanView) return;
            }
            views.Add(new DecodedText(scanView, chain));
            viewCharacters += scanView.Length;
            if (nested.TagText is { } t) AddView(t, chain + ">tag_chars", depth + 1);
            if (nested.VariationSelectorText is { } vs) AddView(vs, chain + ">variation_selectors", depth + 1);
            queue.Enqueue((cleanView, chain, step ?? chain, depth));
        }
    }

    /// <summary>Invisible characters, NFKC, confusables: the case-preserving clean form that decoders work on.</summary>
    public static string Clean(string text, NoteCollector notes, out HiddenPayloads hidden)
    {
        var filtered = InvisibleCharacterFilter.Filter(text, notes, out hidden);
        if (System.Text.Ascii.IsValid(filtered)) return filtered;
        string composed;
        try
        {
            composed = filtered.IsNormalized(NormalizationForm.FormKC) ? filtered : filtered.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            notes.Add(NormalizationNotes.NormalizationFailed);
            composed = filtered;
        }
        return ScriptFolder.Fold(composed, notes);
    }
}
