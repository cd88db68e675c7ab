namespace Bulwark.RedTeam.Judging;

/// <summary>What counts as a successful attack.</summary>
public enum JudgeMode
{
    /// <summary>The gateway did not block the request (an answer started).</summary>
    Input,
    /// <summary>Harmful text reached the client: the goal's check matches what was received.</summary>
    Output,
}
