using System.Text.RegularExpressions;
using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Scans segments against a catalogue and combines the hits into per-category findings. Each signature counts once
/// (its best hit); hits in decoded views weigh a little more (hiding is itself a signal); jailbreak and extraction
/// structures found in untrusted data count as (indirect) prompt injection. Per category, weights combine as a
/// noisy-OR: two weak hits (0.55) give 0.8, enough to block under the default policy.
/// </summary>
public static class SignatureMatcher
{
    public const double DecodedBonus = 0.05;

    /// <summary>Finds the hits of <paramref name="catalog"/> in <paramref name="segments"/>. Never throws; a regex timeout counts as a hit (fail closed).</summary>
    public static List<SignatureHit> Scan(IReadOnlyList<ScanSegment> segments, IReadOnlyList<Signature> catalog, bool manyShot, CancellationToken cancellationToken)
    {
        var hits = new List<SignatureHit>();
        var index = AnchorIndex.For(catalog);
        for (var s = 0; s < segments.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segment = segments[s];
            var text = segment.Text;
            if (text.Length == 0) continue;
            // Patterns are lower case; normalised segments already are, raw fallback segments may not be.
            if (text.AsSpan().IndexOfAnyInRange('A', 'Z') >= 0) text = text.ToLowerInvariant();
            // One pass finds the signatures with an anchor in the text; the others cannot match and are skipped.
            var candidates = index?.Candidates(text) ?? ulong.MaxValue;
            for (var k = 0; k < catalog.Count; k++)
            {
                var signature = catalog[k];
                if (!Applies(signature.Scope, segment)) continue;
                if (index is not null) { if ((candidates & (1UL << k)) == 0) continue; }
                else if (signature.AnchorSearch is { } anchors && !text.AsSpan().ContainsAny(anchors)) continue;
                if (!IsMatch(signature.Pattern, text)) continue;
                if (signature.Also is { } also && !IsMatch(also, text)) continue;
                Add(hits, signature, segment);
            }
            if (manyShot && !segment.IsDecoded && segment.Role != MessageRole.System)
            {
                var weight = ManyShotDetector.Score(text);
                if (weight > 0)
                {
                    var signature = new Signature(SignatureCatalog.ManyShotId, Categories.Jailbreak, weight,
                        "many-shot: many fabricated User/Assistant turns in one message", ManyShotRegex);
                    Add(hits, signature, segment);
                }
            }
        }
        return hits;
    }

    /// <summary>Combines hits into one finding per category (noisy-OR of each signature's best weight).</summary>
    /// <summary>The findings as a guard result, with a reason naming their categories (never the text).</summary>
    public static GuardResult ToResult(List<Finding> findings, string reason)
    {
        if (findings.Count == 0) return GuardResult.Clean;
        var categories = findings.Select(f => f.Category).Distinct(StringComparer.Ordinal);
        return new GuardResult { Findings = findings, Reason = $"{reason}: {string.Join(", ", categories)}" };
    }

    public static List<Finding> Combine(List<SignatureHit> hits)
    {
        var findings = new List<Finding>();
        if (hits.Count == 0) return findings;
        var categories = new List<string>(4);
        foreach (var h in hits)
        {
            if (!categories.Contains(h.Category)) categories.Add(h.Category);
        }
        foreach (var category in categories)
        {
            var miss = 1.0;
            string? bestId = null;
            var best = 0.0;
            var ids = new List<string>();
            foreach (var h in hits)
            {
                if (h.Category != category) continue;
                miss *= 1 - h.Weight;
                ids.Add(h.Signature.Id);
                if (h.Weight > best) { best = h.Weight; bestId = h.Signature.Id; }
            }
            var score = Math.Round(Math.Min(0.99, 1 - miss), 4);
            // One finding per signature so that every rule id reaches the verdict; the combined score sits on the best one.
            foreach (var h in hits)
            {
                if (h.Category != category) continue;
                var s = h.Signature.Id == bestId ? score : Math.Round(h.Weight, 4);
                findings.Add(new Finding(category, s, h.Signature.Id, h.Signature.Rationale));
            }
        }
        return findings;
    }

    private static void Add(List<SignatureHit> hits, Signature signature, ScanSegment segment)
    {
        var category = signature.Category;
        if (segment.Untrusted && category is Categories.Jailbreak or Categories.PromptExtraction) category = Categories.PromptInjection;
        var weight = Math.Min(0.99, signature.Weight + (segment.IsDecoded ? DecodedBonus : 0));
        for (var i = 0; i < hits.Count; i++)
        {
            if (hits[i].Signature.Id != signature.Id || hits[i].Category != category) continue;
            if (weight > hits[i].Weight) hits[i] = new SignatureHit(signature, category, weight, segment.IsDecoded, segment.Untrusted);
            return;
        }
        hits.Add(new SignatureHit(signature, category, weight, segment.IsDecoded, segment.Untrusted));
    }

    private static bool Applies(SignatureScope scope, ScanSegment segment) => scope switch
    {
        SignatureScope.Untrusted => segment.Untrusted,
        SignatureScope.NotSystem => segment.Role != MessageRole.System,
        _ => true,
    };

    private static bool IsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return true; // fail closed: input built to make a pattern slow is itself suspicious
        }
    }

    private static readonly Regex ManyShotRegex = new("(?!)", RegexOptions.None, TimeSpan.FromMilliseconds(InputPatterns.TimeoutMs));
}
