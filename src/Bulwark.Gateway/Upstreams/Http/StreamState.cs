namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>Per-stream facts a wire reader carries between events.</summary>
public struct StreamState
{
    public bool Done;
    public string? FinishReason;
    public int? PromptTokens;
    public int? CompletionTokens;
    public System.Text.Json.Nodes.JsonObject? Usage;
    public System.Text.Json.Nodes.JsonObject? Fields;
    public Dictionary<int, string>? Finishes;
}
