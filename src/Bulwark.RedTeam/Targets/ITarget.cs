using Bulwark.RedTeam.Operators;

namespace Bulwark.RedTeam.Targets;

/// <summary>Something to attack: a deployment over HTTP, or the guard pipeline in process. Never throws for a refusal.</summary>
public interface ITarget
{
    string Name { get; }

    /// <summary>Sends one conversation whose last turn is the user's message, and reports what came back.</summary>
    Task<TargetReply> SendAsync(IReadOnlyList<ChatTurn> conversation, CancellationToken cancellationToken);
}
