namespace Bulwark.RedTeam.Running;

/// <summary>The outcome of the single harmless request sent before any attack: null <see cref="Problem"/> when the run can go on.</summary>
public sealed record PreflightResult(string? Problem)
{
    public bool Ok => Problem is null;
}
