using System.Runtime.CompilerServices;
using System.Text;
using Bulwark.Core.Guards;
using Microsoft.Extensions.AI;

namespace Bulwark.Extensions.AI;

/// <summary>
/// Bulwark in-process, as a <see cref="DelegatingChatClient"/>: every call's messages pass the policy's input guards
/// before the inner client sees them (a Block never calls it; a Redact masks the values first), and every answer passes
/// the output guards before the caller sees it. A refusal is a normal response with
/// <see cref="ChatFinishReason.ContentFilter"/> and the <see cref="Verdict"/> under <see cref="BulwarkProperties.Verdict"/>.
/// Streamed answers go through the same <see cref="OutputGate"/> as the gateway: text is held back until scanned, and a
/// halt ends the stream with a ContentFilter update. Function-call arguments the model emits are passed through unscanned.
/// </summary>
public sealed class BulwarkChatClient(IChatClient innerClient, BulwarkRuntime runtime) : DelegatingChatClient(innerClient)
{
    private const string RefusalText = "The request was blocked by Bulwark's content policy.";
    private const string HaltText = "The answer was stopped by Bulwark's content policy.";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = await BeginAsync(messages, options, cancellationToken).ConfigureAwait(false);
        if (call.Refusal is { } refused) return refused;

        var response = await base.GetResponseAsync(call.Messages, options, cancellationToken).ConfigureAwait(false);
        var gate = call.Gate;
        gate.Add(response.Text);
        var scan = await gate.ScanAsync(final: true, cancellationToken).ConfigureAwait(false);
        if (scan.Blocked)
        {
            var halted = Refusal(HaltText, scan.Verdict!, response.ResponseId, response.ModelId);
            Audit(call, "blocked_output", scan.Verdict, halted.AdditionalProperties!);
            return halted;
        }
        if (scan.Verdict is { Action: GuardAction.Redact } redacted)
        {
            response = new ChatResponse(new ChatMessage(ChatRole.Assistant, scan.Release)) { ResponseId = response.ResponseId, ModelId = response.ModelId, FinishReason = response.FinishReason, Usage = response.Usage };
            (response.AdditionalProperties ??= [])[BulwarkProperties.Verdict] = redacted;
        }
        // A redacted or flagged prompt is reported too, when the answer itself carries no verdict.
        if (call.Input.Action != GuardAction.Allow) (response.AdditionalProperties ??= []).TryAdd(BulwarkProperties.Verdict, call.Input);
        Audit(call, "served", gate.Worst, response.AdditionalProperties ??= []);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = await BeginAsync(messages, options, cancellationToken).ConfigureAwait(false);
        if (call.Refusal is { } refused)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, refused.Text)
            {
                FinishReason = ChatFinishReason.ContentFilter, AdditionalProperties = refused.AdditionalProperties,
            };
            yield break;
        }

        var gate = call.Gate;
        ChatFinishReason? finish = null;
        string? responseId = null, modelId = null;
        await foreach (var update in base.GetStreamingResponseAsync(call.Messages, options, cancellationToken).ConfigureAwait(false))
        {
            finish = update.FinishReason ?? finish;
            responseId ??= update.ResponseId;
            modelId ??= update.ModelId;
            var text = new StringBuilder();
            var others = new List<AIContent>();
            foreach (var content in update.Contents)
            {
                if (content is TextContent t) text.Append(t.Text);
                else others.Add(content);
            }
            gate.Add(text.ToString());
            if (others.Count > 0) yield return new ChatResponseUpdate(ChatRole.Assistant, others) { ResponseId = responseId, ModelId = modelId };
            if (!gate.HasFullWindow) continue;
            var scan = await gate.ScanAsync(final: false, cancellationToken).ConfigureAwait(false);
            if (scan.Blocked)
            {
                // Leaving the loop disposes the inner stream, which stops the model.
                yield return Halt(call, scan.Verdict!, responseId, modelId);
                yield break;
            }
            if (scan.Release is { Length: > 0 } release) yield return new ChatResponseUpdate(ChatRole.Assistant, release) { ResponseId = responseId, ModelId = modelId };
        }

        var last = await gate.ScanAsync(final: true, cancellationToken).ConfigureAwait(false);
        if (last.Blocked)
        {
            yield return Halt(call, last.Verdict!, responseId, modelId);
            yield break;
        }
        var end = new ChatResponseUpdate(ChatRole.Assistant, last.Release) { ResponseId = responseId, ModelId = modelId, FinishReason = finish ?? ChatFinishReason.Stop };
        if (gate.Worst is { Action: not GuardAction.Allow } worst) (end.AdditionalProperties ??= [])[BulwarkProperties.Verdict] = worst;
        Audit(call, "served", gate.Worst, end.AdditionalProperties ??= []);
        yield return end;
    }

    private ChatResponseUpdate Halt(GuardedCall call, Verdict verdict, string? responseId, string? modelId)
    {
        var update = new ChatResponseUpdate(ChatRole.Assistant, HaltText)
        {
            ResponseId = responseId, ModelId = modelId, FinishReason = ChatFinishReason.ContentFilter,
            AdditionalProperties = new() { [BulwarkProperties.Verdict] = verdict },
        };
        Audit(call, "blocked_output", verdict, update.AdditionalProperties);
        return update;
    }

    /// <summary>Access check and input guards; a refusal, or the messages to forward (redacted when the verdict says so).</summary>
    private async Task<GuardedCall> BeginAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        await runtime.EnsureWarmedUpAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var o = runtime.Options;
        var caller = o.Caller(options);
        if (o.Authorize?.Invoke(caller) is { } denied) throw new BulwarkAccessDeniedException(denied);
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var conversation = ChatConversation.From(list, options);
        var requestId = "req_" + Guid.NewGuid().ToString("N")[..16];
        var input = await runtime.Pipeline.EvaluateInputAsync(runtime.Policy, conversation, caller, requestId, cancellationToken).ConfigureAwait(false);
        var gate = new OutputGate(runtime.Pipeline, runtime.Policy, conversation, caller, requestId);
        var call = new GuardedCall(requestId, caller, input, gate, list, null);
        if (input.IsBlocked)
        {
            var refusal = Refusal(RefusalText, input, null, null);
            Audit(call, "blocked_input", null, refusal.AdditionalProperties!);
            return call with { Refusal = refusal };
        }
        if (input.Action == GuardAction.Redact)
        {
            var redacted = ChatConversation.Redact(list, input.Redactions);
            return call with { Messages = redacted, Gate = new OutputGate(runtime.Pipeline, runtime.Policy, Core.Guards.Redactor.Apply(conversation, input.Redactions), caller, requestId) };
        }
        return call;
    }

    private static ChatResponse Refusal(string text, Verdict verdict, string? responseId, string? modelId) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            FinishReason = ChatFinishReason.ContentFilter, ResponseId = responseId, ModelId = modelId,
            AdditionalProperties = new() { [BulwarkProperties.Verdict] = verdict },
        };

    private void Audit(GuardedCall call, string outcome, Verdict? output, AdditionalPropertiesDictionary into)
    {
        if (runtime.Audit is not { } log) return;
        var receipt = log.Append(call.RequestId, runtime.Options.TimeProvider.GetUtcNow(), call.Caller, runtime.Policy.Name, runtime.Policy.Hash, outcome, call.Input, output);
        into[BulwarkProperties.Receipt] = receipt;
    }
}
