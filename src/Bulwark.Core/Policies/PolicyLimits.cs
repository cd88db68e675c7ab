namespace Bulwark.Core.Policies;

/// <summary>Hard request limits enforced before any detector runs.</summary>
public sealed record PolicyLimits
{
    public int MaxMessages { get; init; } = 256;

    public int MaxTotalCharacters { get; init; } = 400_000;

    public int MaxTokens { get; init; } = 32_768;
}
