namespace Bulwark.Core.Detection.Pii;

/// <summary>A value found in a text: where it is, how long, and its <see cref="PiiTypes"/> type.</summary>
public readonly record struct PiiMatch(int Start, int Length, string Type)
{
    public int End => Start + Length;
}
