namespace Bulwark.Core.Detection.Normalization;

/// <summary>Collects normalisation notes with counts, in first-seen order. Not thread-safe: one per call.</summary>
public sealed class NoteCollector
{
    private readonly List<string> _names = [];
    private readonly List<int> _counts = [];

    public int Count => _names.Count;

    public void Add(string name, int count = 1)
    {
        if (count <= 0) return;
        var i = _names.IndexOf(name);
        if (i >= 0) { _counts[i] = (int)Math.Min(int.MaxValue, (long)_counts[i] + count); return; }
        _names.Add(name);
        _counts.Add(count);
    }

    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Renders the notes as <c>name:count</c>.</summary>
    public string[] ToArray()
    {
        if (_names.Count == 0) return [];
        var result = new string[_names.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = string.Concat(_names[i], ":", _counts[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result;
    }
}
