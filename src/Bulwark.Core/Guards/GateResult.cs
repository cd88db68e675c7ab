
namespace Bulwark.Core.Guards;

/// <summary>What an <see cref="OutputGate"/> scan decided: text to release (null when blocked) and the window's verdict.</summary>
public readonly record struct GateResult(string? Release, Verdict? Verdict)
{
    public bool Blocked => Release is null;
}
