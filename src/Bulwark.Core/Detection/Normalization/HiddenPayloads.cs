namespace Bulwark.Core.Detection.Normalization;

/// <summary>Text smuggled in invisible code points, recovered by the <see cref="InvisibleCharacterFilter"/>.</summary>
public readonly record struct HiddenPayloads(string? TagText, string? VariationSelectorText);
