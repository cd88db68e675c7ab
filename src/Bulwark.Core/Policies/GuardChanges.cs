namespace Bulwark.Core.Policies;

/// <summary>Guards a configured policy adds to (on the stages each guard declares) or removes from the policy it extends.</summary>
public sealed record GuardChanges
{
    public IReadOnlyList<string> Add { get; init; } = [];

    public IReadOnlyList<string> Remove { get; init; } = [];
}
