using System.Runtime.CompilerServices;

namespace Bulwark.Detection.NGram;

/// <summary>Fixed-size per-head accumulator (no heap allocation on the scoring path).</summary>
[InlineArray(MaxHeads)]
public struct HeadScores
{
    public const int MaxHeads = 16;

    private float _element;
}
