namespace Bulwark.Core.Guards;

/// <summary>
/// Numbers placeholders per type in order of first appearance, so the same value always gets the same placeholder
/// ([EMAIL_1], [EMAIL_2], [PHONE_1]…) within one request or one streamed answer. Not thread-safe; one per request.
/// </summary>
public sealed class RedactionMap
{
    private readonly Dictionary<string, Redaction> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly List<Redaction> _all = [];

    public IReadOnlyList<Redaction> All => _all;

    public Redaction Add(string value, string type)
    {
        if (_byValue.TryGetValue(value, out var existing)) return existing;
        var n = _counters.TryGetValue(type, out var c) ? c + 1 : 1;
        _counters[type] = n;
        var redaction = new Redaction(value, type, $"[{type}_{n}]");
        _byValue[value] = redaction;
        _all.Add(redaction);
        return redaction;
    }
}
