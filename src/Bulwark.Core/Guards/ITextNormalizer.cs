namespace Bulwark.Core.Guards;

/// <summary>Turns raw text into the form that detectors scan, and reports what it undid.</summary>
public interface ITextNormalizer
{
    NormalizedText Normalize(string text);
}
