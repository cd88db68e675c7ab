using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>Collects what decoders recover from one text, within the candidate budget of one decoder run.</summary>
public sealed class DecodeSink(NoteCollector notes)
{
    private readonly List<(string Text, string Step)> _items = [];

    public NoteCollector Notes => notes;

    public IReadOnlyList<(string Text, string Step)> Items => _items;

    /// <summary>True while more candidates may be added.</summary>
    public bool HasRoom => _items.Count < NormalizationLimits.MaxCandidates * 2;

    public void Add(string text, string step)
    {
        if (!HasRoom || string.IsNullOrWhiteSpace(text)) return;
        _items.Add((text, step));
    }

    public void Clear() => _items.Clear();
}
