using System.Buffers;
using System.Runtime.CompilerServices;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// All the <see cref="Signature.Anchors"/> of one catalogue in a few multi-string searches (groups of at most
/// <see cref="GroupSize"/> anchors, small enough for the vectorised Teddy search; one search over all of them would be a
/// much slower Aho-Corasick automaton): a few passes over a text tell which signatures have an anchor in it (exactly what
/// a <c>ContainsAny</c> per signature would say), instead of one pass per signature. Built once per catalogue and cached;
/// catalogues of more than 64 signatures are not indexed.
/// </summary>
public sealed class AnchorIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<Signature>, AnchorIndex?> Cache = new();

    private readonly SearchValues<string>[] _groups;
    private readonly (string Anchor, ulong Signatures)[][][] _byFirstChar;
    private readonly ulong _unanchored;
    private readonly ulong _anchored;
    private readonly SearchValues<string>?[] _perSignature;
    private readonly Signature[] _signatures;

    /// <summary>Anchor occurrences looked at one by one before the signatures still undecided fall back to one search each (bounds texts full of anchors).</summary>
    public const int MaxSteps = 32;

    /// <summary>Anchors per multi-string search.</summary>
    public const int GroupSize = 8;

    private AnchorIndex(IReadOnlyList<Signature> catalog)
    {
        var masks = new Dictionary<string, ulong>(StringComparer.Ordinal);
        _perSignature = new SearchValues<string>?[catalog.Count];
        _signatures = catalog.ToArray();
        for (var k = 0; k < catalog.Count; k++)
        {
            var bit = 1UL << k;
            if (catalog[k].AnchorSearch is null || catalog[k].Anchors is not { Count: > 0 } anchors)
            {
                _unanchored |= bit;
                continue;
            }
            _anchored |= bit;
            _perSignature[k] = catalog[k].AnchorSearch;
            foreach (var a in anchors) masks[a] = masks.GetValueOrDefault(a) | bit;
        }
        var groups = masks.Keys.Order(StringComparer.Ordinal).Chunk(GroupSize).ToArray();
        _groups = new SearchValues<string>[groups.Length];
        _byFirstChar = new (string, ulong)[groups.Length][][];
        for (var g = 0; g < groups.Length; g++)
        {
            _groups[g] = SearchValues.Create(groups[g], StringComparison.Ordinal);
            var byFirst = new Dictionary<char, List<(string, ulong)>>();
            foreach (var anchor in groups[g])
            {
                if (!byFirst.TryGetValue(anchor[0], out var list)) byFirst[anchor[0]] = list = [];
                list.Add((anchor, masks[anchor]));
            }
            _byFirstChar[g] = new (string, ulong)[char.MaxValue + 1][];
            foreach (var (c, list) in byFirst) _byFirstChar[g][c] = [.. list];
        }
    }

    /// <summary>The index of <paramref name="catalog"/>, or null when it cannot be indexed (more than 64 signatures, or an empty anchor).</summary>
    public static AnchorIndex? For(IReadOnlyList<Signature> catalog)
    {
        var index = Cache.GetValue(catalog, Build);
        if (index is null || index.Describes(catalog)) return index;
        // The list was changed after it was indexed: index it again.
        index = Build(catalog);
        Cache.AddOrUpdate(catalog, index);
        return index;
    }

    private static AnchorIndex? Build(IReadOnlyList<Signature> catalog) => Indexable(catalog) ? new AnchorIndex(catalog) : null;

    private bool Describes(IReadOnlyList<Signature> catalog)
    {
        if (catalog.Count != _signatures.Length) return false;
        for (var k = 0; k < _signatures.Length; k++)
        {
            if (!ReferenceEquals(catalog[k], _signatures[k])) return false;
        }
        return true;
    }

    private static bool Indexable(IReadOnlyList<Signature> catalog)
    {
        if (catalog.Count > 64) return false;
        foreach (var s in catalog)
        {
            if (s.AnchorSearch is not null && s.Anchors is { } anchors && anchors.Any(string.IsNullOrEmpty)) return false;
        }
        return true;
    }

    /// <summary>
    /// Bit k is set when signature k of the catalogue should run its pattern on <paramref name="text"/>: it has no anchors,
    /// or one of its anchors occurs in the text.
    /// </summary>
    public ulong Candidates(ReadOnlySpan<char> text)
    {
        var found = _unanchored;
        for (var g = 0; g < _groups.Length && (found & _anchored) != _anchored; g++) found = Scan(text, g, found);
        return found;
    }

    /// <summary>Adds the signatures with an anchor of group <paramref name="g"/> in the text to <paramref name="found"/>.</summary>
    private ulong Scan(ReadOnlySpan<char> text, int g, ulong found)
    {
        var search = _groups[g];
        var byFirstChar = _byFirstChar[g];
        var position = 0;
        var steps = 0;
        while (position < text.Length)
        {
            if (++steps > MaxSteps)
            {
                // Every occurrence of this group's anchors before position has been seen; for the signatures still
                // undecided, one search each over the rest decides (it may also find their anchors of other groups).
                var rest = text[position..];
                for (var k = 0; k < _perSignature.Length; k++)
                {
                    var bit = 1UL << k;
                    if ((found & bit) == 0 && _perSignature[k] is { } perSignature && rest.ContainsAny(perSignature)) found |= bit;
                }
                break;
            }
            var i = text[position..].IndexOfAny(search);
            if (i < 0) break;
            position += i;
            var here = text[position..];
            foreach (var (anchor, signatures) in byFirstChar[here[0]])
            {
                if ((found & signatures) != signatures && here.StartsWith(anchor, StringComparison.Ordinal)) found |= signatures;
            }
            if ((found & _anchored) == _anchored) break;
            position++;
        }
        return found;
    }
}
