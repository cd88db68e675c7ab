using Bulwark.RedTeam.Operators;
using Bulwark.RedTeam.Targets;

namespace Bulwark.RedTeam.Tests.Support;

/// <summary>A target whose replies come from a function of the call number (1-based), for rate-limit and crash tests.</summary>
public sealed class ScriptedTarget(Func<int, IReadOnlyList<ChatTurn>, TargetReply> reply) : ITarget
{
    private int _calls;

    public string Name => "scripted";

    public int Calls => _calls;

    public Task<TargetReply> SendAsync(IReadOnlyList<ChatTurn> conversation, CancellationToken cancellationToken) =>
        Task.FromResult(reply(Interlocked.Increment(ref _calls), conversation));
}
