using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>The guard pipeline and policy the detection commands use (the same ones the gateway uses).</summary>
internal sealed class DetectionRuntime
{
    private DetectionRuntime(GuardPipeline pipeline, Policy policy)
    {
        Pipeline = pipeline;
        Policy = policy;
    }

    public GuardPipeline Pipeline { get; }

    public Policy Policy { get; }

    /// <summary>
    /// The runtime over <paramref name="normalizer"/> (the caller's, so that training and scanning share one).
    /// <paramref name="reportFloor"/> is <see cref="DetectionOptions.ReportFloor"/> (null: the trained flag points, as the gateway).
    /// </summary>
    public static DetectionRuntime Create(string? policyName, ITextNormalizer normalizer, string? modelDirectory = null, double? reportFloor = null)
    {
        var registry = DetectionGuards.CreateRegistry(new DetectionOptions { ModelDirectory = modelDirectory, ReportFloor = reportFloor });
        var definition = PolicyCatalog.ByName(policyName ?? "default")
            ?? throw new CliUsageException($"unknown policy '{policyName}'");
        Policy policy;
        try
        {
            policy = registry.Build(definition);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        foreach (var guard in policy.InputGuards.Concat(policy.OutputGuards).Distinct())
            guard.WarmUpAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return new DetectionRuntime(new GuardPipeline(normalizer, TimeProvider.System), policy);
    }

    public ValueTask<Verdict> ScanInputAsync(string text, CancellationToken ct) =>
        Pipeline.EvaluateInputAsync(Policy, Conversation.SingleUser(text), CallerInfo.Anonymous, "scan", ct);

    /// <summary>Scans a multi-turn corpus row as the conversation it is (its "text" alone is only the last user turn).</summary>
    public ValueTask<Verdict> ScanTurnsAsync(IReadOnlyList<Bulwark.Detection.Training.CorpusTurn> turns, CancellationToken ct)
    {
        var messages = turns.Select(t => ConversationMessage.FromText(
            t.Role switch { "assistant" => MessageRole.Assistant, "system" => MessageRole.System, _ => MessageRole.User }, t.Content)).ToArray();
        return Pipeline.EvaluateInputAsync(Policy, new Conversation("scan", messages), CallerInfo.Anonymous, "scan", ct);
    }

    public ValueTask<Verdict> ScanOutputAsync(string prompt, string response, CancellationToken ct) =>
        Pipeline.EvaluateOutputAsync(Policy, Conversation.SingleUser(prompt), response, response, true, CallerInfo.Anonymous, "scan", ct);
}
