using Bulwark.Core.Guards;

namespace Bulwark.Detection.Tests;

/// <summary>A normaliser that lower-cases only, so that detector tests do not depend on the core normaliser's details.</summary>
internal sealed class IdentityNormalizer : ITextNormalizer
{
    public NormalizedText Normalize(string text) => NormalizedText.Identity(text.ToLowerInvariant());
}
