using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Before the server takes requests: calls <see cref="IGuard.WarmUpAsync"/> once on every guard of every policy in
/// force (weights, ONNX sessions, compiled patterns, connections), then runs each policy once on a benign sample, so
/// that none of that lands inside a request's guard timeout. A failure is logged, not fatal: the guard then fails
/// closed per request, as it would anyway.
/// </summary>
public sealed partial class GuardWarmupService(PolicyProvider policies, GuardPipeline guards, ILogger<GuardWarmupService> logger) : IHostedService
{
    private const string WarmupId = "warmup";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var inForce = policies.All.ToArray();
        foreach (var guard in inForce.SelectMany(p => p.InputGuards.Concat(p.OutputGuards)).Distinct())
        {
            try
            {
                await guard.WarmUpAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWarmupFailure(logger, "*", guard.Name, ex.GetType().Name);
            }
        }
        var conversation = Conversation.SingleUser("Warm-up: what is the capital of France?", WarmupId);
        const string answer = "Paris is the capital of France.";
        foreach (var policy in inForce)
        {
            var input = await guards.EvaluateInputAsync(policy, conversation, CallerInfo.Anonymous, WarmupId, cancellationToken).ConfigureAwait(false);
            var output = await guards.EvaluateOutputAsync(policy, conversation, answer, answer, true, CallerInfo.Anonymous, WarmupId, cancellationToken).ConfigureAwait(false);
            foreach (var failed in input.Guards.Concat(output.Guards).Where(g => g.Failed))
                LogWarmupFailure(logger, policy.Name, failed.Name, failed.Error ?? "error");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "guard warm-up: policy {Policy} guard {Guard} failed ({Error}); requests it guards will be refused until it works")]
    private static partial void LogWarmupFailure(ILogger logger, string policy, string guard, string error);
}
