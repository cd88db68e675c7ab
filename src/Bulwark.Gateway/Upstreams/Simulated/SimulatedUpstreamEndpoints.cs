using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Pipeline;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Protocols.Anthropic;
using Bulwark.Gateway.Protocols.OpenAi;
using Bulwark.Gateway.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bulwark.Gateway.Upstreams.Simulated;

/// <summary>
/// The simulated model served over HTTP in the real OpenAI and Anthropic wire formats (<c>bulwark simulate</c>):
/// a stand-in upstream for trying a deployment, and the upstream the load benchmark measures against. It does no
/// authentication and no guarding: it is the model, not the gateway.
/// </summary>
public static class SimulatedUpstreamEndpoints
{
    public static IEndpointRouteBuilder MapSimulatedUpstream(this IEndpointRouteBuilder app, UpstreamOptions options, TimeProvider time)
    {
        var openAi = new OpenAiProtocol(time);
        var anthropic = new AnthropicProtocol();
        var client = new SimulatedUpstreamClient("simulate", options, time);
        app.MapPost("/v1/chat/completions", http => ServeAsync(http, openAi, client));
        app.MapPost("/v1/messages", http => ServeAsync(http, anthropic, client));
        return app;
    }

    private static async Task ServeAsync(HttpContext http, IClientProtocol protocol, SimulatedUpstreamClient client)
    {
        var requestId = RequestIds.New();
        var body = await RequestBodyReader.ReadAsync(http.Request, 16 * 1024 * 1024, http.RequestAborted);
        if (body.Error is { } error)
        {
            await protocol.WriteErrorAsync(http, error, new BulwarkInfo(requestId, [], null));
            return;
        }
        var parsed = protocol.Parse(body.Body!);
        if (!parsed.Ok)
        {
            await protocol.WriteErrorAsync(http, new GatewayError(400, parsed.Error.Code, parsed.Error.Message, parsed.Error.Param), new BulwarkInfo(requestId, [], null));
            return;
        }
        var conversation = parsed.Request.Conversation;
        var call = new UpstreamCall(conversation, conversation.Model, protocol.Name, body.Body!);
        var model = conversation.Model + " [simulated]";
        var promptTokens = Math.Max(1, conversation.TotalCharacters / 4);
        if (conversation.Stream)
        {
            var writer = protocol.CreateStreamWriter(http, model, requestId);
            await writer.StartAsync(promptTokens, http.RequestAborted);
            var count = 0;
            var streamedCalls = new ToolCallAssembler();
            await foreach (var e in client.StreamAsync(call, http.RequestAborted))
            {
                switch (e)
                {
                    case TextDelta d:
                        count++;
                        await writer.WriteTextAsync(d.Text, http.RequestAborted);
                        break;
                    case ToolCallDelta t:
                        streamedCalls.Add(t);
                        break;
                    case UpstreamFinished f:
                        var complete = streamedCalls.Complete("call_sim_");
                        for (var i = 0; i < complete.Count; i++) await writer.WriteToolCallAsync(i, complete[i], http.RequestAborted);
                        await writer.FinishAsync(f.FinishReason, promptTokens, count, null, null, http.RequestAborted);
                        return;
                    case UpstreamFailure:
                        // A dropped stream: end the response without the closing events, as a crashing server would.
                        http.Abort();
                        return;
                }
            }
            return;
        }

        var text = new System.Text.StringBuilder();
        var calls = new ToolCallAssembler();
        var finish = "stop";
        var tokens = 0;
        await foreach (var e in client.StreamAsync(call, http.RequestAborted))
        {
            switch (e)
            {
                case TextDelta d:
                    tokens++;
                    text.Append(d.Text);
                    break;
                case ToolCallDelta t:
                    calls.Add(t);
                    break;
                case UpstreamFinished f:
                    finish = f.FinishReason;
                    break;
                case UpstreamFailure x:
                    await protocol.WriteErrorAsync(http, new GatewayError(500, x.Code, x.Message), new BulwarkInfo(requestId, [], null));
                    return;
            }
        }
        await protocol.WriteCompletionAsync(http, new CompletionResult(model, text.ToString(), finish, promptTokens, tokens, null) { ToolCalls = calls.Complete("call_sim_") });
    }
}
