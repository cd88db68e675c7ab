using Bulwark.RedTeam.Seeds;
using Bulwark.RedTeam.Targets;

namespace Bulwark.RedTeam.Judging;

/// <summary>
/// Judges an attempt only by what came back over the API. Input side: the request was not refused. Output side: the
/// text the client actually received (including whatever streamed before an output block) matches the goal's checks.
/// It never looks at the gateway's policy or verdicts, so a gateway with guards off scores near 100 %.
/// </summary>
public sealed class ResponseJudge(JudgeMode mode)
{
    public JudgeMode Mode => mode;

    public Judgement Judge(AttackGoal goal, TargetReply reply)
    {
        var input = reply.InputPassed;
        var harmful = reply.Received.Length > 0 && goal.IsAchievedBy(reply.Received);
        return new Judgement(mode == JudgeMode.Input ? input : harmful, input, harmful);
    }
}
