using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;

namespace Bulwark.Gateway.Upstreams.Simulated;

/// <summary>The simulated upstream, in process: streams <see cref="SimulatedModel"/>'s script token by token.</summary>
public sealed class SimulatedUpstreamClient(string name, UpstreamOptions options, TimeProvider timeProvider) : IUpstreamClient, IEmbeddingsUpstream
{
    public string Name => name;

    public string Kind => "simulated";

    public async IAsyncEnumerable<UpstreamEvent> StreamAsync(UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var script = SimulatedModel.ScriptFor(call.Conversation, options.HarmfulTrigger);
        if (script.Ending == SimulatedEnding.Error)
        {
            yield return new UpstreamFailure("upstream_error", "the simulated upstream was asked to fail", 502);
            yield break;
        }
        var delay = script.Ending == SimulatedEnding.Slow ? TimeSpan.FromSeconds(2) : options.TokenDelay;
        var count = 0;
        var limit = call.MaxTokens;
        foreach (var token in script.Tokens)
        {
            if (count >= limit)
            {
                yield return new UpstreamFinished("length", PromptTokens(call), count);
                yield break;
            }
            if (delay > TimeSpan.Zero) await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            count++;
            yield return new TextDelta(token);
        }
        if (script.Ending == SimulatedEnding.Drop)
        {
            yield return new UpstreamFailure("upstream_closed", "the simulated upstream closed the stream mid-answer", 502);
            yield break;
        }
        if (script.Call is { } tool)
        {
            // Arguments in two pieces, as real models stream them.
            var half = tool.Arguments.Length / 2;
            yield return new ToolCallDelta(0, tool.Id, tool.Name, tool.Arguments[..half]);
            yield return new ToolCallDelta(0, null, null, tool.Arguments[half..]);
            yield return new UpstreamFinished("tool_calls", PromptTokens(call), count + 1);
            yield break;
        }
        yield return new UpstreamFinished("stop", PromptTokens(call), count);
    }

    /// <summary>
    /// Not a real embedding: each input gets a deterministic 8-number vector from its SHA-256 hash, so that clients and
    /// tests can run without a model. The model name in the answer ends in "[simulated]".
    /// </summary>
    public Task<(JsonObject? Answer, UpstreamFailure? Failure)> EmbedAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var data = new JsonArray();
        var inputs = call.Conversation.Messages.SelectMany(m => m.Parts).ToList();
        for (var i = 0; i < inputs.Count; i++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(inputs[i].Text));
            var vector = new JsonArray(Enumerable.Range(0, 8).Select(k => (JsonNode)JsonValue.Create(Math.Round(hash[k] / 127.5 - 1, 4))).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = vector });
        }
        var tokens = PromptTokens(call);
        JsonObject answer = new()
        {
            ["object"] = "list", ["data"] = data, ["model"] = call.UpstreamModel + " [simulated]",
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        return Task.FromResult<(JsonObject?, UpstreamFailure?)>((answer, null));
    }

    private static int PromptTokens(UpstreamCall call) => Math.Max(1, call.Conversation.TotalCharacters / 4);
}
