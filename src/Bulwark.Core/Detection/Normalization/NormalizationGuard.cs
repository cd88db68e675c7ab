using Bulwark.Core.Detection.Signatures;
using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Normalization;

/// <summary>
/// Guard "normalize": scores the obfuscation that normalisation undid. Smuggled text (tag characters,
/// variation-selector payloads) is prompt injection with a high score; heavy invisible characters, mixed-script
/// words, confusables and decoded payloads are obfuscation with moderate scores (the default policy flags them;
/// what the decoded text says is judged by the signature and learned guards, which scan decoded segments too).
/// </summary>
public sealed class NormalizationGuard : IGuard
{
    public const string GuardName = "normalize";

    public string Name => GuardName;

    public GuardStages Stages => GuardStages.Both;

    public GuardPlacement Placement => GuardPlacement.AfterNormalization;

    public bool Offload => false;

    public ValueTask WarmUpAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var techniques = 0;
        var best = 0.0;

        foreach (var note in context.NormalizationNotes)
        {
            var (name, count) = NormalizationNotes.Parse(note);
            switch (name)
            {
                case NormalizationNotes.TagChars:
                    if (HasView(context, "tag_chars"))
                    {
                        Add(Categories.PromptInjection, 0.9, "BW-OBF-001", "text smuggled in Unicode tag characters");
                        Add(Categories.Obfuscation, 0.9, "BW-OBF-001", "text smuggled in Unicode tag characters");
                    }
                    else Add(Categories.Obfuscation, 0.6, "BW-OBF-001", "Unicode tag characters");
                    break;
                case NormalizationNotes.VariationSelectorSmuggling:
                    if (HasView(context, "variation_selectors"))
                    {
                        Add(Categories.PromptInjection, 0.9, "BW-OBF-002", "text smuggled in variation selectors");
                        Add(Categories.Obfuscation, 0.9, "BW-OBF-002", "text smuggled in variation selectors");
                    }
                    else Add(Categories.Obfuscation, 0.6, "BW-OBF-002", "runs of variation selectors");
                    break;
                case NormalizationNotes.BidiControl:
                    Add(Categories.Obfuscation, count >= 3 ? 0.6 : 0.5, "BW-OBF-003", "bidi control characters outside right-to-left text");
                    break;
                case NormalizationNotes.ZeroWidth or NormalizationNotes.SoftHyphen or NormalizationNotes.OtherInvisible:
                    if (count >= 20) Add(Categories.Obfuscation, 0.65, "BW-OBF-004", "heavy use of invisible characters");
                    else if (count >= 3) Add(Categories.Obfuscation, 0.5, "BW-OBF-004", "invisible characters inside text");
                    break;
                case NormalizationNotes.MixedScript:
                    Add(Categories.Obfuscation, count >= 3 ? 0.65 : 0.5, "BW-OBF-005", "words mixing Latin with Cyrillic/Greek look-alikes");
                    break;
                case NormalizationNotes.Confusables:
                    if (count >= 2) Add(Categories.Obfuscation, 0.5, "BW-OBF-006", "look-alike letters in Latin text");
                    break;
                case NormalizationNotes.StyledLetters:
                    if (count >= 12) Add(Categories.Obfuscation, 0.4, "BW-OBF-007", "styled (mathematical, fullwidth, enclosed) letters");
                    break;
                case NormalizationNotes.CombiningMarks:
                    if (count >= 10) Add(Categories.Obfuscation, 0.45, "BW-OBF-008", "combining marks stacked on letters");
                    break;
            }
        }

        foreach (var segment in context.Segments)
        {
            if (!segment.IsDecoded) continue;
            var derivation = segment.Derivation;
            var first = FirstStep(derivation);
            switch (first)
            {
                case "base64" or "hex" or "url" or "rot13" or "morse" or "reversed" or "base32":
                case var _ when first.StartsWith("caesar", StringComparison.Ordinal):
                    Add(Categories.Obfuscation, derivation.Contains('>') && IsEncoding(SecondStep(derivation)) ? 0.7 : 0.5,
                        derivation.Contains('>') ? "BW-OBF-014" : "BW-OBF-010", "encoded payload decoded");
                    break;
                case "leet":
                    Add(Categories.Obfuscation, 0.45, "BW-OBF-011", "leetspeak");
                    break;
                case "spaced":
                    Add(Categories.Obfuscation, 0.45, "BW-OBF-012", "spaced-out letters");
                    break;
            }
        }

        if (findings.Count == 0) return ValueTask.FromResult(GuardResult.Clean);
        if (techniques >= 2)
        {
            var combined = Math.Min(0.85, best + 0.1);
            findings.Add(new Finding(Categories.Obfuscation, combined, "BW-OBF-020", "several obfuscation techniques combined"));
        }
        return ValueTask.FromResult(new GuardResult { Findings = findings, Reason = "obfuscation" });

        void Add(string category, double score, string ruleId, string detail)
        {
            foreach (var f in findings)
            {
                if (f.RuleId == ruleId && f.Category == category)
                {
                    if (f.Score >= score) return;
                    findings.Remove(f);
                    break;
                }
            }
            if (category == Categories.Obfuscation)
            {
                var isNew = true;
                foreach (var f in findings)
                {
                    if (f.RuleId == ruleId) { isNew = false; break; }
                }
                if (isNew) techniques++;
                if (score > best) best = score;
            }
            findings.Add(new Finding(category, score, ruleId, detail));
        }
    }

    private static bool HasView(GuardContext context, string step)
    {
        foreach (var s in context.Segments)
        {
            if (s.IsDecoded && s.Derivation.Contains(step, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string FirstStep(string derivation)
    {
        var i = derivation.IndexOf('>');
        return i < 0 ? derivation : derivation[..i];
    }

    private static string SecondStep(string derivation)
    {
        var i = derivation.IndexOf('>');
        if (i < 0) return "";
        var rest = derivation[(i + 1)..];
        var j = rest.IndexOf('>');
        return j < 0 ? rest : rest[..j];
    }

    private static bool IsEncoding(string step) =>
        step is "base64" or "hex" or "url" or "rot13" or "morse" or "reversed" || step.StartsWith("caesar", StringComparison.Ordinal);
}
