namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// Names of the OpenAI Responses API wire (POST /v1/responses): the <see cref="UpstreamDetails.Wire"/> of answers
/// that came from it, and the stream event and item types the gateway reads.
/// </summary>
public static class ResponsesWire
{
    /// <summary>The wire name in <see cref="UpstreamDetails"/>: its Fields are the upstream's whole final response object.</summary>
    public const string Name = "openai-responses";

    public const string Created = "response.created";
    public const string InProgress = "response.in_progress";
    public const string Completed = "response.completed";
    public const string Incomplete = "response.incomplete";
    public const string Failed = "response.failed";
    public const string Error = "error";
    public const string OutputItemDone = "response.output_item.done";
    public const string OutputTextDelta = "response.output_text.delta";
    public const string RefusalDelta = "response.refusal.delta";

    public const string Message = "message";
    public const string FunctionCall = "function_call";
    public const string Reasoning = "reasoning";
}
