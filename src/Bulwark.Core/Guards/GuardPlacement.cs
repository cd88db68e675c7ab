namespace Bulwark.Core.Guards;

/// <summary>Where in the pipeline a guard runs: on the raw request, or on the normalised segments.</summary>
public enum GuardPlacement
{
    /// <summary>On the raw conversation (and raw output window), before any normalisation work is spent: limits, PII.</summary>
    BeforeNormalization,

    /// <summary>On <see cref="GuardContext.Segments"/>: normalised text plus decoded hidden content.</summary>
    AfterNormalization,
}
