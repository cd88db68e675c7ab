namespace Bulwark.Gateway.Protocols.Tools;

/// <summary>A complete tool call of the model's answer: id, tool name and its arguments as JSON object text.</summary>
public sealed record ToolCall(string Id, string Name, string Arguments)
{
    /// <summary>What output guards read for a tool call: the name and the arguments.</summary>
    public string ScanText => Name + " " + Arguments;
}
