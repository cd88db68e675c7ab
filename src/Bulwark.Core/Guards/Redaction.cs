namespace Bulwark.Core.Guards;

/// <summary>
/// One value to mask: the exact text found, its type (for example "EMAIL") and the typed placeholder that replaces it
/// (for example "[EMAIL_1]"). Lives in memory only: never written to the audit record, logs or metrics.
/// </summary>
public sealed record Redaction(string Value, string Type, string Placeholder)
{
    public override string ToString() => $"Redaction {{ Type = {Type}, Placeholder = {Placeholder} }}";
}
