using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Bulwark.Detection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Runs every policy's input and output guards once at start-up, before the server takes requests, so that models
/// load (ONNX sessions, weights) outside any request's guard timeout. A failure is logged, not fatal: the guards
/// then fail closed per request, as they would anyway.
/// </summary>
public sealed partial class GuardWarmupService(PolicyProvider policies, GuardPipeline guards, DetectionOptions detection, ILogger<GuardWarmupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (policies.All.Any(p => p.InputGuards.Concat(p.OutputGuards).Any(g => g.Name is DetectionGuards.ClassifierName or DetectionGuards.OutputClassifierName)))
        {
            try
            {
                // Loads the weights and the ONNX session outside any request's guard timeout.
                await Task.Run(() => DetectionGuards.WarmUp(detection), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWarmupFailure(logger, "*", "learned detectors", ex.GetType().Name);
            }
        }
        var conversation = Conversation.SingleUser("Warm-up: what is the capital of France?", "warmup");
        foreach (var policy in policies.All)
        {
            var input = await guards.EvaluateInputAsync(policy, conversation, CallerInfo.Anonymous, "warmup", cancellationToken).ConfigureAwait(false);
            var output = await guards.EvaluateOutputAsync(policy, conversation, "Paris is the capital of France.", "Paris is the capital of France.", true, CallerInfo.Anonymous, "warmup", cancellationToken).ConfigureAwait(false);
            foreach (var failed in input.Guards.Concat(output.Guards).Where(g => g.Failed))
                LogWarmupFailure(logger, policy.Name, failed.Name, failed.Error ?? "error");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "guard warm-up: policy {Policy} guard {Guard} failed ({Error}); requests it guards will be refused until it works")]
    private static partial void LogWarmupFailure(ILogger logger, string policy, string guard, string error);
}
